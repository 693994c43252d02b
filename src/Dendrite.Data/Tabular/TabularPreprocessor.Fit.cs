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

        // Columns of 16,384 rows and more are fitted on all cores (each column's statistics are computed alone, in
        // row order, so the bits do not depend on it); the error reported is that of the first failing column, as in a
        // sequential fit. Small frames stay on this thread: no thread-pool threads for a streamed chunk or a test.
        int count = frame.Columns.Count;
        var fits = new FittedColumn?[count];
        var errors = new CsvFormatException?[count];
        if (rowArray.Length >= ParallelRows && !AddressSpaceLimit.IsSet) Parallel.For(0, count, FitColumn);
        else for (int c = 0; c < count; c++) FitColumn(c);

        void FitColumn(int c)
        {
            TabularColumn column = frame.Columns[c];
            try
            {
                fits[c] = column.Kind == ColumnKind.Numeric
                    ? FitNumeric(frame, column, rowArray, options)
                    : FitCategorical(frame, column, rowArray, options);
            }
            catch (CsvFormatException e)
            {
                errors[c] = e;
            }
        }
        var columns = new List<FittedColumn>();
        var dropped = new List<string>();
        for (int c = 0; c < count; c++)
        {
            if (errors[c] is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            if (fits[c] is { } fitted) columns.Add(fitted);
            else dropped.Add(frame.Columns[c].Name);
        }
        if (columns.Count == 0)
            throw new CsvFormatException(frame.FilePath, 0, null, $"every feature column is constant on the {rowArray.Length} training rows; nothing is left to learn from");

        FittedTarget? target = frame.Target is null ? null : FitTarget(frame, frame.Target, rowArray, options);
        return new TabularPreprocessor(columns.ToArray(), target, dropped.ToArray());
    }

    private static FittedColumn? FitNumeric(TabularFrame frame, TabularColumn column, int[] rows, TabularPreprocessorOptions options) =>
        // Scaled when the plain sums would overflow (values or spreads past ~1e154), so a huge but finite value
        // standardizes like any other instead of turning the whole column into 0s or NaNs.
        FitNumeric(frame.FilePath, column.Name, Moments.Of(column, rows), rows.Length, () => LineRange(frame, rows), options);

    /// <summary>A numeric column from the moments of its training values (shared with the streamed fit).</summary>
    internal static FittedColumn? FitNumeric(string path, string name, (double Mean, double Std, int Count) moments, int rows, Func<string> lineRange,
        TabularPreprocessorOptions options)
    {
        (double mean, double std, int count) = moments;
        if (count == 0) return Constant(path, name, rows, lineRange, options, "has no values (all missing)");
        // Equal values can sum to a mean an ulp off, leaving a spread of pure rounding noise: that is still constant.
        if (std <= Math.Abs(mean) * 1e-12) return Constant(path, name, rows, lineRange, options, $"has the same value ({NumberText.Format(mean)}) on every training row that has one");
        return new FittedColumn
        {
            Name = name,
            Kind = ColumnKind.Numeric,
            Mean = mean,
            Std = std,
            MissingIndicator = options.MissingIndicators && count < rows,
        };
    }

    private static FittedColumn? FitCategorical(TabularFrame frame, TabularColumn column, int[] rows, TabularPreprocessorOptions options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (column.TryTextCodes(out ushort[] codes, out string[] distinct))
        {
            // Counted per number, then named: the same counts without a dictionary lookup per row.
            var perCode = new int[distinct.Length + 1];
            foreach (int r in rows) perCode[codes[r]]++;
            for (int k = 0; k < distinct.Length; k++)
                if (perCode[k + 1] > 0) counts[distinct[k]] = perCode[k + 1];
        }
        else
        {
            foreach (int r in rows)
            {
                string? value = column.TextAt(r);
                if (value is not null) counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }
        return FitCategorical(frame.FilePath, column.Name, counts, rows.Length, () => LineRange(frame, rows), options);
    }

    /// <summary>A categorical column from the counts of its training values (shared with the streamed fit).</summary>
    internal static FittedColumn? FitCategorical(string path, string name, Dictionary<string, int> counts, int rows, Func<string> lineRange,
        TabularPreprocessorOptions options)
    {
        if (counts.Count == 0) return Constant(path, name, rows, lineRange, options, "has no values (all missing)");
        if (counts.Count == 1) return Constant(path, name, rows, lineRange, options, $"has the same value ('{InputText.Clip(counts.Keys.First())}') on every training row that has one");
        string[] categories = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        string mode = categories[0];
        foreach (string category in categories)
            if (counts[category] > counts[mode]) mode = category; // strict: ties keep the earlier category
        return new FittedColumn { Name = name, Kind = ColumnKind.Categorical, Categories = categories, Fill = mode };
    }

    private static FittedColumn? Constant(string path, string name, int rows, Func<string> lineRange, TabularPreprocessorOptions options, string what)
    {
        if (options.DropConstantColumns) return null;
        throw new CsvFormatException(path, 0, name,
            $"the column {what} on the {rows} training rows ({lineRange()}), so it carries no information; " +
            "remove or ignore the column, or drop constant columns");
    }

    private static FittedTarget FitTarget(TabularFrame frame, TabularTarget target, int[] rows, TabularPreprocessorOptions options)
    {
        if (target.Task == TaskKind.Classification)
        {
            int first = target.Labels![rows[0]];
            bool single = true;
            foreach (int r in rows)
                if (target.Labels[r] != first) { single = false; break; }
            return FitClasses(frame.FilePath, target.Name, target.ClassNames!, single ? first : -1, rows.Length, () => LineRange(frame, rows));
        }

        var tally = new RegressionTargetTally(frame.FilePath, target.Name, options);
        do
        {
            foreach (int r in rows) tally.Add(target.Values![r], frame.LineNumbers[r]);
        }
        while (tally.EndPass());
        return tally.Result(rows.Length, () => LineRange(frame, rows));
    }

    /// <summary>
    /// A classification target; <paramref name="singleClass"/> is the one class every training row has, or -1.
    /// </summary>
    internal static FittedTarget FitClasses(string path, string name, string[] classNames, int singleClass, int rows, Func<string> lineRange)
    {
        // Like a constant regression target: one class leaves nothing to learn, and a "classifier" would be
        // 100% accurate by construction.
        if (singleClass >= 0)
            throw new CsvFormatException(path, 0, name,
                $"the target has the same class ('{InputText.Clip(classNames[singleClass])}') on all {rows} training rows " +
                $"({lineRange()}); a classifier needs at least two classes, so there is nothing to learn");
        return new FittedTarget { Name = name, Task = TaskKind.Classification, ClassNames = classNames };
    }

    private static string LineRange(TabularFrame frame, int[] rows)
    {
        int first = int.MaxValue, last = 0;
        foreach (int r in rows)
        {
            first = Math.Min(first, frame.LineNumbers[r]);
            last = Math.Max(last, frame.LineNumbers[r]);
        }
        return LineRange(first, last);
    }

    /// <summary>"line 5" or "lines 2 to 90", as messages name the training rows.</summary>
    internal static string LineRange(int first, int last) => first == last ? $"line {first}" : $"lines {first} to {last}";

    private static int[] AllRows(TabularFrame frame) => Enumerable.Range(0, frame.RowCount).ToArray();

    private static void CheckRows(TabularFrame frame, ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty) throw new ArgumentException("at least one row is needed", nameof(rows));
        foreach (int r in rows)
            if ((uint)r >= (uint)frame.RowCount) throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} is outside 0..{frame.RowCount - 1}");
    }
}
