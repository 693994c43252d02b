namespace Dendrite.Data.Tabular;

/// <summary>
/// Detects the task from the target column and encodes it: text → classification; numbers that are all integers
/// with few distinct values → classification; other numbers → regression. An explicit task overrides detection.
/// </summary>
internal static class TargetBuilder
{
    /// <summary>Builds the target from the text of each kept row (never missing); <c>lines</c> are their file lines.</summary>
    public static TabularTarget Build(string path, string name, string[] values, int[] lines, TabularCsvOptions options)
    {
        var numbers = new double[values.Length];
        int numeric = 0, firstText = -1, commaNumbers = 0, firstComma = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (NumberText.TryParse(values[i], out numbers[i])) numeric++;
            else
            {
                if (firstText < 0) firstText = i;
                if (NumberText.LooksLikeDecimalComma(values[i]) && commaNumbers++ == 0) firstComma = i;
            }
        }

        TaskKind task;
        if (options.Task is TaskKind forced)
        {
            task = forced;
        }
        else if (firstText >= 0)
        {
            if (numeric >= options.MostlyNumericFraction * values.Length)
                throw new CsvFormatException(path, lines[firstText], name,
                    $"target '{InputText.Clip(values[firstText])}' is not a number (the target is numeric elsewhere: {numeric} of {values.Length} values are numbers)" +
                    $"{NumberText.Hint(values[firstText])}; fix the value, or force classification");
            // Without this, "1,5" "2,25" … would silently become one class per distinct value.
            if (commaNumbers > 0 && numeric + commaNumbers >= options.MostlyNumericFraction * values.Length)
                throw new CsvFormatException(path, lines[firstComma], name,
                    $"target '{InputText.Clip(values[firstComma])}' is not a number ({commaNumbers} of {values.Length} values have a decimal comma); " +
                    $"{NumberText.DecimalCommaHint}, or force classification");
            task = TaskKind.Classification;
        }
        else
        {
            task = FewIntegers(numbers, options.MaxClassificationClasses) ? TaskKind.Classification : TaskKind.Regression;
        }

        if (task == TaskKind.Regression)
        {
            if (firstText >= 0)
                throw new CsvFormatException(path, lines[firstText], name,
                    $"target '{InputText.Clip(values[firstText])}' is not a number; a regression target must be numeric{NumberText.Hint(values[firstText])}");
            var targets = new float[numbers.Length];
            for (int i = 0; i < numbers.Length; i++)
            {
                // Targets are kept as float32: a finite double beyond its range would silently become infinity.
                targets[i] = (float)numbers[i];
                if (float.IsInfinity(targets[i]))
                    throw new CsvFormatException(path, lines[i], name,
                        $"target {InputText.Clip(values[i])} is beyond the float32 range (about ±3.4e38) in which targets are kept; " +
                        "rescale the column (for example to thousands or millions of its unit)");
            }
            return TabularTarget.Regression(name, targets);
        }

        return firstText < 0 ? NumericClasses(name, numbers) : TextClasses(name, values);
    }

    private static bool FewIntegers(double[] numbers, int maxClasses)
    {
        var distinct = new HashSet<double>();
        foreach (double v in numbers)
        {
            if (v != Math.Floor(v)) return false;
            if (distinct.Add(v) && distinct.Count > maxClasses) return false;
        }
        return true;
    }

    /// <summary>Classes are the distinct numbers in increasing order, so label order follows the numbers ("2" before "10").</summary>
    private static TabularTarget NumericClasses(string name, double[] numbers)
    {
        // Distinct() and Select() would size a set of every row and grow the labels by doubling: garbage of several
        // times the column for a million-row file.
        double[] classes = [.. new HashSet<double>(OneByOne(numbers)).Order()];
        var index = new Dictionary<double, int>();
        for (int i = 0; i < classes.Length; i++) index.Add(classes[i], i);
        int[] labels = Array.ConvertAll(numbers, v => index[v]);
        return TabularTarget.Classification(name, labels, classes.Select(NumberText.Format).ToArray());
    }

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
