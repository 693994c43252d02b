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
        // Scaled when the plain sums would overflow (values or spreads past ~1e154), so a huge but finite value
        // standardizes like any other instead of turning the whole column into 0s or NaNs.
        (double mean, double std, int count) = Moments.Of(column.Numbers!, rows);
        if (count == 0) return Constant(frame, column, rows, options, "has no values (all missing)");
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
        {
            // Like a constant regression target: one class leaves nothing to learn, and a "classifier" would be
            // 100% accurate by construction.
            int first = target.Labels![rows[0]];
            bool single = true;
            foreach (int r in rows)
                if (target.Labels[r] != first) { single = false; break; }
            if (single)
                throw new CsvFormatException(frame.FilePath, 0, target.Name,
                    $"the target has the same class ('{InputText.Clip(target.ClassNames![first])}') on all {rows.Length} training rows " +
                    $"({LineRange(frame, rows)}); a classifier needs at least two classes, so there is nothing to learn");
            return new FittedTarget { Name = target.Name, Task = TaskKind.Classification, ClassNames = target.ClassNames };
        }

        var t = new double[rows.Length];
        int largest = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            double y = target.Values![rows[i]];
            if (options.LogTarget && !(y > 0))
                throw new CsvFormatException(frame.FilePath, frame.LineNumbers[rows[i]], target.Name,
                    $"target {NumberText.Format(y)} is not positive, so it has no logarithm; train without the log target");
            t[i] = options.LogTarget ? Math.Log(y) : y;
            if (Math.Abs(t[i]) > Math.Abs(t[largest])) largest = i;
        }
        if (!options.StandardizeTarget)
        {
            // Unstandardized, the model's float32 squared error overflows for targets past sqrt(float.MaxValue).
            if (Math.Abs(t[largest]) > MaxUnstandardizedTarget)
                throw new CsvFormatException(frame.FilePath, frame.LineNumbers[rows[largest]], target.Name,
                    $"target {NumberText.Format(target.Values![rows[largest]])} is too large to train on unstandardized (its squared error " +
                    $"overflows float32 beyond about ±{MaxUnstandardizedTarget:0.#e0}); standardize the target, or rescale the column");
            return new FittedTarget { Name = target.Name, Task = TaskKind.Regression, Log = options.LogTarget, Mean = 0, Std = 1 };
        }

        (double mean, double std, _) = Moments.Of(t);
        if (!(std > 0))
            throw new CsvFormatException(frame.FilePath, 0, target.Name,
                $"the target has the same value on all {rows.Length} training rows ({LineRange(frame, rows)}); there is nothing to learn");
        return new FittedTarget { Name = target.Name, Task = TaskKind.Regression, Standardize = true, Log = options.LogTarget, Mean = mean, Std = std };
    }

    /// <summary>sqrt(float.MaxValue), rounded down: the largest target whose square float32 still holds.</summary>
    private const double MaxUnstandardizedTarget = 1.8e19;

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
