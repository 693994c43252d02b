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
        // Numbers are parsed again rather than kept from the tally: a double per row would be garbage of twice the
        // targets' own size.
        return FromTally(name, task, numericClasses, values.Length, i => Number(values[i]), i => values[i]);
    }

    /// <summary>
    /// The target of <paramref name="count"/> rows once <see cref="TargetTally.Decide"/> has decided
    /// <paramref name="task"/> (and refused text and values beyond float range for regression):
    /// <paramref name="numberAt"/> is asked for a regression target and numeric classes, <paramref name="textAt"/> for text classes.
    /// </summary>
    public static TabularTarget FromTally(string name, TaskKind task, double[]? numericClasses, int count, Func<int, double> numberAt, Func<int, string> textAt)
    {
        if (task == TaskKind.Regression)
        {
            var targets = new float[count];
            for (int i = 0; i < count; i++) targets[i] = (float)numberAt(i);
            return TabularTarget.Regression(name, targets);
        }
        var labels = new int[count];
        string[] classNames;
        if (numericClasses is not null)
        {
            // Classes are the distinct numbers in increasing order, so label order follows the numbers ("2" before "10").
            var index = new Dictionary<double, int>();
            for (int k = 0; k < numericClasses.Length; k++) index.Add(numericClasses[k], k);
            for (int i = 0; i < count; i++) labels[i] = index[numberAt(i)];
            classNames = [.. numericClasses.Select(NumberText.Format)];
        }
        else
        {
            // Classes are the distinct texts in ordinal order: stable across cultures and machines.
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++) distinct.Add(textAt(i));
            classNames = [.. distinct.Order(StringComparer.Ordinal)];
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < classNames.Length; k++) index.Add(classNames[k], k);
            for (int i = 0; i < count; i++) labels[i] = index[textAt(i)];
        }
        return TabularTarget.Classification(name, labels, classNames);
    }

    /// <summary>A value the tally counted as a number.</summary>
    private static double Number(string text) =>
        NumberText.TryParse(text, out double x) ? x : throw new InvalidOperationException($"target '{text}' was counted as a number");
}
