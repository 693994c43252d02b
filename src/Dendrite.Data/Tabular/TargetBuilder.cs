namespace Dendrite.Data.Tabular;

/// <summary>
/// Detects the task from the target column and encodes it: text → classification; numbers that are all integers
/// with few distinct values → classification; other numbers → regression. An explicit task overrides detection.
/// </summary>
internal static class TargetBuilder
{
    /// <summary>
    /// Builds the target from the text of each kept row (never missing); <c>lines</c> are their file lines. The task is
    /// decided by the <see cref="TargetTally"/> a streamed file is judged by, so both paths raise the same errors.
    /// </summary>
    public static TabularTarget Build(string path, string name, string[] values, int[] lines, TabularCsvOptions options)
    {
        var tally = new TargetTally(options);
        for (int i = 0; i < values.Length; i++) tally.Add(values[i], lines[i]);
        TaskKind task = tally.Decide(path, name, out double[]? numericClasses);

        if (task == TaskKind.Regression)
        {
            // Numbers are parsed again rather than kept from the tally: a double per row would be garbage of twice the
            // targets' own size. Decide has refused text and values beyond float range.
            var targets = new float[values.Length];
            for (int i = 0; i < values.Length; i++) targets[i] = (float)Number(values[i]);
            return TabularTarget.Regression(name, targets);
        }
        return numericClasses is not null ? NumericClasses(name, values, numericClasses) : TextClasses(name, values);
    }

    /// <summary>Classes are the distinct numbers in increasing order, so label order follows the numbers ("2" before "10").</summary>
    private static TabularTarget NumericClasses(string name, string[] values, double[] classes)
    {
        var index = new Dictionary<double, int>();
        for (int i = 0; i < classes.Length; i++) index.Add(classes[i], i);
        int[] labels = Array.ConvertAll(values, v => index[Number(v)]);
        return TabularTarget.Classification(name, labels, classes.Select(NumberText.Format).ToArray());
    }

    /// <summary>A value the tally counted as a number.</summary>
    private static double Number(string text) =>
        NumberText.TryParse(text, out double x) ? x : throw new InvalidOperationException($"target '{text}' was counted as a number");

    /// <summary>Classes are the distinct texts in ordinal order: stable across cultures and machines.</summary>
    private static TabularTarget TextClasses(string name, string[] values)
    {
        string[] classes = [.. new HashSet<string>(OneByOne(values), StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++) index.Add(classes[i], i);
        int[] labels = Array.ConvertAll(values, v => index[v]);
        return TabularTarget.Classification(name, labels, classes);
    }

    /// <summary>The values one by one, so that a set built from them grows with the distinct ones rather than being sized for every row.</summary>
    private static IEnumerable<T> OneByOne<T>(T[] values)
    {
        foreach (T value in values) yield return value;
    }
}
