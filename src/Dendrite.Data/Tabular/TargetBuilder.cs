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
    public static TabularTarget Build(string path, string name, string[] values, int[] lines, TabularCsvOptions options) =>
        Build(path, name, i => values[i], lines, options);

    /// <summary>The same, with row i's text given by <paramref name="valueAt"/> (a column kept as numbered texts is not spelled out).</summary>
    public static TabularTarget Build(string path, string name, Func<int, string> valueAt, int[] lines, TabularCsvOptions options)
    {
        int count = lines.Length;
        var tally = new TargetTally(options);
        for (int i = 0; i < count; i++) tally.Add(valueAt(i), lines[i]);
        TaskKind task = tally.Decide(path, name, out double[]? numericClasses);

        if (task == TaskKind.Regression)
        {
            // Numbers are parsed again rather than kept from the tally: a double per row would be garbage of twice the
            // targets' own size. Decide has refused text and values beyond float range.
            var targets = new float[count];
            for (int i = 0; i < count; i++) targets[i] = (float)Number(valueAt(i));
            return TabularTarget.Regression(name, targets);
        }
        var labels = new int[count];
        string[] classNames;
        if (numericClasses is not null)
        {
            // Classes are the distinct numbers in increasing order, so label order follows the numbers ("2" before "10").
            var index = new Dictionary<double, int>();
            for (int k = 0; k < numericClasses.Length; k++) index.Add(numericClasses[k], k);
            for (int i = 0; i < count; i++) labels[i] = index[Number(valueAt(i))];
            classNames = [.. numericClasses.Select(NumberText.Format)];
        }
        else
        {
            // Classes are the distinct texts in ordinal order: stable across cultures and machines.
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++) distinct.Add(valueAt(i));
            classNames = [.. distinct.Order(StringComparer.Ordinal)];
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < classNames.Length; k++) index.Add(classNames[k], k);
            for (int i = 0; i < count; i++) labels[i] = index[valueAt(i)];
        }
        return TabularTarget.Classification(name, labels, classNames);
    }

    /// <summary>A value the tally counted as a number.</summary>
    private static double Number(string text) =>
        NumberText.TryParse(text, out double x) ? x : throw new InvalidOperationException($"target '{text}' was counted as a number");
}
