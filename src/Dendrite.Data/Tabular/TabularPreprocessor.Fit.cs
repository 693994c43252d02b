namespace Dendrite.Data.Tabular;

public sealed partial class TabularPreprocessor
{
    /// <summary>Fits on every row of <paramref name="frame"/>.</summary>
    public static TabularPreprocessor Fit(TabularFrame frame, TabularPreprocessorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Fit(frame, AllRows(frame), options);
    }

    /// <summary>
    /// Fits on the training rows <paramref name="rows"/> only: numeric mean and population std of the non-missing
    /// values, categorical categories and mode, target mean and std.
    /// </summary>
    /// <exception cref="CsvFormatException">A column is constant or empty on the training rows (unless dropped),
    /// or the target cannot be logged or standardized.</exception>
    public static TabularPreprocessor Fit(TabularFrame frame, ReadOnlySpan<int> rows, TabularPreprocessorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new TabularPreprocessorOptions();
        CheckRows(frame, rows);
        int[] rowArray = rows.ToArray();

        var columns = new List<FittedColumn>();
        var dropped = new List<string>();
        foreach (TabularColumn column in frame.Columns)
        {
            FittedColumn? fitted = column.Kind == ColumnKind.Numeric
                ? FitNumeric(frame, column, rowArray, options)
                : FitCategorical(frame, column, rowArray, options);
            if (fitted is null) dropped.Add(column.Name);
            else columns.Add(fitted);
        }
        if (columns.Count == 0)
            throw new CsvFormatException(frame.FilePath, 0, null, $"every feature column is constant on the {rowArray.Length} training rows; nothing is left to learn from");

        FittedTarget? target = frame.Target is null ? null : FitTarget(frame, frame.Target, rowArray, options);
        return new TabularPreprocessor(columns.ToArray(), target, dropped.ToArray());
    }

    private static FittedColumn? FitNumeric(TabularFrame frame, TabularColumn column, int[] rows, TabularPreprocessorOptions options)
    {
        double[] numbers = column.Numbers!;
        double sum = 0;
        int count = 0;
        foreach (int r in rows)
        {
            if (double.IsNaN(numbers[r])) continue;
            sum += numbers[r];
            count++;
        }
        if (count == 0) return Constant(frame, column, rows, options, "has no values (all missing)");
        double mean = sum / count;
        double squares = 0;
        foreach (int r in rows)
        {
            if (double.IsNaN(numbers[r])) continue;
            double d = numbers[r] - mean;
            squares += d * d;
        }
        double std = Math.Sqrt(squares / count);
        // Equal values can sum to a mean an ulp off, leaving a spread of pure rounding noise: that is still constant.
        if (std <= Math.Abs(mean) * 1e-12) return Constant(frame, column, rows, options, $"has the same value ({NumberText.Format(mean)}) on every training row that has one");
        return new FittedColumn
        {
            Name = column.Name,
            Kind = ColumnKind.Numeric,
            Mean = mean,
            Std = std,
            MissingIndicator = options.MissingIndicators && count < rows.Length,
        };
    }

    private static FittedColumn? FitCategorical(TabularFrame frame, TabularColumn column, int[] rows, TabularPreprocessorOptions options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int r in rows)
        {
            string? value = column.Values[r];
            if (value is not null) counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        if (counts.Count == 0) return Constant(frame, column, rows, options, "has no values (all missing)");
        if (counts.Count == 1) return Constant(frame, column, rows, options, $"has the same value ('{InputText.Clip(counts.Keys.First())}') on every training row that has one");
        string[] categories = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        string mode = categories[0];
        foreach (string category in categories)
            if (counts[category] > counts[mode]) mode = category; // strict: ties keep the earlier category
        return new FittedColumn { Name = column.Name, Kind = ColumnKind.Categorical, Categories = categories, Fill = mode };
    }

    private static FittedColumn? Constant(TabularFrame frame, TabularColumn column, int[] rows, TabularPreprocessorOptions options, string what)
    {
        if (options.DropConstantColumns) return null;
        throw new CsvFormatException(frame.FilePath, 0, column.Name,
            $"the column {what} on the {rows.Length} training rows ({LineRange(frame, rows)}), so it carries no information; " +
            "remove or ignore the column, or drop constant columns");
    }

    private static FittedTarget FitTarget(TabularFrame frame, TabularTarget target, int[] rows, TabularPreprocessorOptions options)
    {
        if (target.Task == TaskKind.Classification)
            return new FittedTarget { Name = target.Name, Task = TaskKind.Classification, ClassNames = target.ClassNames };

        var t = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double y = target.Values![rows[i]];
            if (options.LogTarget && !(y > 0))
                throw new CsvFormatException(frame.FilePath, frame.LineNumbers[rows[i]], target.Name,
                    $"target {NumberText.Format(y)} is not positive, so it has no logarithm; train without the log target");
            t[i] = options.LogTarget ? Math.Log(y) : y;
        }
        if (!options.StandardizeTarget)
            return new FittedTarget { Name = target.Name, Task = TaskKind.Regression, Log = options.LogTarget, Mean = 0, Std = 1 };

        double mean = t.Sum() / t.Length;
        double std = Math.Sqrt(t.Sum(v => (v - mean) * (v - mean)) / t.Length);
        if (!(std > 0))
            throw new CsvFormatException(frame.FilePath, 0, target.Name,
                $"the target has the same value on all {rows.Length} training rows ({LineRange(frame, rows)}); there is nothing to learn");
        return new FittedTarget { Name = target.Name, Task = TaskKind.Regression, Standardize = true, Log = options.LogTarget, Mean = mean, Std = std };
    }

    private static string LineRange(TabularFrame frame, int[] rows)
    {
        int first = int.MaxValue, last = 0;
        foreach (int r in rows)
        {
            first = Math.Min(first, frame.LineNumbers[r]);
            last = Math.Max(last, frame.LineNumbers[r]);
        }
        return first == last ? $"line {first}" : $"lines {first} to {last}";
    }

    private static int[] AllRows(TabularFrame frame) => Enumerable.Range(0, frame.RowCount).ToArray();

    private static void CheckRows(TabularFrame frame, ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty) throw new ArgumentException("at least one row is needed", nameof(rows));
        foreach (int r in rows)
            if ((uint)r >= (uint)frame.RowCount) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside 0..{frame.RowCount - 1}");
    }
}
