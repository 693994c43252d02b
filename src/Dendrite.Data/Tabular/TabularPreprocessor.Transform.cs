namespace Dendrite.Data.Tabular;

public sealed partial class TabularPreprocessor
{
    /// <summary>Transforms every row of <paramref name="frame"/>.</summary>
    public TabularDataset Transform(TabularFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Transform(frame, AllRows(frame));
    }

    /// <summary>
    /// Features [rows.Length, FeatureCount] for the given rows, with the fitted statistics (never refitted). Columns
    /// are found by name, so the file may order them differently or have extra ones. The target, when the frame has
    /// one, comes out in model space (regression) or as labels into the fitted class names (classification).
    /// </summary>
    /// <exception cref="CsvFormatException">A fitted column is missing from the file, a numeric value is not a
    /// number, or a class was not seen in training.</exception>
    public TabularDataset Transform(TabularFrame frame, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        CheckRows(frame, rows);
        int n = rows.Length, width = FeatureCount;
        var sources = new TabularColumn[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
            sources[c] = frame.FindColumn(_columns[c].Name) ?? throw MissingColumn(frame, _columns[c].Name);
        int[] rowArray = rows.ToArray();
        var features = new float[n * width];
        WriteFeatures(frame, sources, rowArray, features);
        float[]? targets = null, rawTargets = null;
        int[]? labels = null;
        if (frame.Target is not null && Target is not null)
        {
            if (frame.Target.Name != Target.Name || frame.Target.Task != Target.Task)
                throw new CsvFormatException(frame.FilePath, 0, frame.Target.Name,
                    $"the target here is '{InputText.Clip(frame.Target.Name)}' ({frame.Target.Task}) but the preprocessing was fitted on '{InputText.Clip(Target.Name)}' ({Target.Task}); " +
                    "load the file with the fitted options");
            if (Target.Task == TaskKind.Regression) (targets, rawTargets) = RegressionTargets(frame, rowArray);
            else labels = ClassLabels(frame, rowArray);
        }

        return new TabularDataset(
            features,
            FeatureNames,
            targets,
            rawTargets,
            labels,
            labels is null ? null : Target!.ClassNames,
            frame.Ids is null ? null : rowArray.Select(r => frame.Ids[r]).ToArray(),
            rowArray.Select(r => frame.LineNumbers[r]).ToArray());
    }

    /// <summary>Rows from which Fit and Transform use all cores.</summary>
    private const int ParallelRows = 16_384;

    /// <summary>
    /// Rows 16,384 and more are split into one block per core, each written column by column. The values do not depend
    /// on the split, and the error reported is the sequential one: the first failing column, at its first failing row.
    /// </summary>
    private void WriteFeatures(TabularFrame frame, TabularColumn[] sources, int[] rows, float[] features)
    {
        int n = rows.Length, width = FeatureCount;
        int blocks = n < ParallelRows || AddressSpaceLimit.IsSet ? 1 : Math.Min(Environment.ProcessorCount, 16);
        var failures = new (int Column, Exception Error)?[blocks];
        // One block stays on this thread, and so does everything under an address-space limit: a thread-pool thread
        // reserves address space (its stack) the process may not have, and the runtime then aborts instead of throwing.
        if (blocks == 1) WriteBlock(0);
        else Parallel.For(0, blocks, WriteBlock);

        void WriteBlock(int b)
        {
            int from = (int)((long)n * b / blocks), to = (int)((long)n * (b + 1) / blocks);
            int offset = 0;
            for (int c = 0; c < _columns.Length; c++)
            {
                FittedColumn fitted = _columns[c];
                try
                {
                    if (fitted.Kind == ColumnKind.Numeric) WriteNumeric(frame, fitted, sources[c], rows, from, to, features, offset, width);
                    else WriteOneHot(fitted, _categoryIndex[c]!, sources[c], rows, from, to, features, offset, width);
                }
                catch (CsvFormatException e)
                {
                    failures[b] = (c, e);
                    return;
                }
                offset += fitted.Width;
            }
        }
        (int Column, Exception Error)? first = null;
        foreach ((int Column, Exception Error)? failure in failures)
            if (failure is { } f && (first is null || f.Column < first.Value.Column)) first = f;
        if (first is { } fail) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fail.Error);
    }

    private static void WriteNumeric(TabularFrame frame, FittedColumn fitted, TabularColumn column, int[] rows, int from, int to, float[] features, int offset, int width)
    {
        for (int i = from; i < to; i++)
        {
            int r = rows[i];
            double x = Number(frame, column, r);
            bool missing = double.IsNaN(x);
            // A missing value is filled with the training mean, which standardizes to exactly 0.
            features[i * width + offset] = missing ? 0f : Standardize(frame, column, r, x, fitted);
            if (fitted.MissingIndicator) features[i * width + offset + 1] = missing ? 1f : 0f;
        }
    }

    private static void WriteOneHot(FittedColumn fitted, Dictionary<string, int> index, TabularColumn column, int[] rows, int from, int to, float[] features, int offset, int width)
    {
        if (column.TryTextCodes(out ushort[] codes, out string[] distinct))
        {
            // One lookup per distinct text instead of one per row: slot[code] is the indicator set for that text.
            var slot = new int[distinct.Length + 1];
            slot[0] = index.TryGetValue(fitted.Fill!, out int fill) ? fill : -1;
            for (int k = 0; k < distinct.Length; k++) slot[k + 1] = index.TryGetValue(distinct[k], out int s) ? s : -1;
            for (int i = from; i < to; i++)
                if (slot[codes[rows[i]]] is var k and >= 0) features[i * width + offset + k] = 1f;
            return;
        }
        for (int i = from; i < to; i++)
        {
            string value = column.TextAt(rows[i]) ?? fitted.Fill!;
            // A category unseen in training leaves every indicator 0: no exception at prediction time.
            if (index.TryGetValue(value, out int k)) features[i * width + offset + k] = 1f;
        }
    }

    /// <summary>
    /// (x − mean) / std as float32. Training values always land within float range (|z| ≤ √n), but a value far outside
    /// the training data (a typo of 1e300, or any change in a column that was almost constant) may not: it fails naming
    /// its line rather than feeding infinity to the model.
    /// </summary>
    private static float Standardize(TabularFrame frame, TabularColumn column, int row, double x, FittedColumn fitted)
    {
        double z = (x - fitted.Mean) / fitted.Std;
        // x − mean overflows when x and the mean are huge with opposite signs; the quotients do not.
        if (double.IsInfinity(z)) z = x / fitted.Std - fitted.Mean / fitted.Std;
        float feature = (float)z;
        if (!float.IsFinite(feature))
            throw new CsvFormatException(frame.FilePath, frame.LineNumbers[row], column.Name,
                $"value {NumberText.Format(x)} is {NumberText.Format(z)} standard deviations from the training mean " +
                $"({NumberText.Format(fitted.Mean)} ± {NumberText.Format(fitted.Std)}), beyond float32 range; a typo, or data unlike the training data");
        return feature;
    }

    /// <summary>The value of a numeric feature, NaN when missing; parses the text when this file read the column as categorical.</summary>
    private static double Number(TabularFrame frame, TabularColumn column, int row)
    {
        if (column.Kind == ColumnKind.Numeric) return column.NumberAt(row);
        string? text = column.TextAt(row);
        if (text is null) return double.NaN;
        if (NumberText.TryParse(text, out double x)) return x;
        throw new CsvFormatException(frame.FilePath, frame.LineNumbers[row], column.Name, $"'{InputText.Clip(text)}' is not a number (the column was numeric in training){NumberText.Hint(text)}");
    }

    private (float[] Targets, float[] Raw) RegressionTargets(TabularFrame frame, int[] rows)
    {
        var targets = new float[rows.Length];
        var raw = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            float y = frame.Target!.Values![rows[i]];
            if (Target!.Log && !(y > 0))
                throw new CsvFormatException(frame.FilePath, frame.LineNumbers[rows[i]], Target.Name,
                    $"target {NumberText.Format(y)} is not positive, so it has no logarithm (the model predicts log targets)");
            raw[i] = y;
            targets[i] = TargetToModel(y);
            if (!float.IsFinite(targets[i]))
                throw new CsvFormatException(frame.FilePath, frame.LineNumbers[rows[i]], Target.Name,
                    $"target {NumberText.Format(y)} is beyond float32 range once standardized with the training mean " +
                    $"{NumberText.Format(Target.Mean)} and std {NumberText.Format(Target.Std)}; a typo, or data unlike the training data");
        }
        return (targets, raw);
    }

    private int[] ClassLabels(TabularFrame frame, int[] rows)
    {
        string[] fittedNames = Target!.ClassNames!;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < fittedNames.Length; k++) index.Add(fittedNames[k], k);
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            string name = frame.Target!.ClassNames![frame.Target.Labels![rows[i]]];
            if (!index.TryGetValue(name, out labels[i]))
                throw new CsvFormatException(frame.FilePath, frame.LineNumbers[rows[i]], Target.Name,
                    $"class '{InputText.Clip(name)}' was not among the training classes ({InputText.List(fittedNames)})");
        }
        return labels;
    }

    private static CsvFormatException MissingColumn(TabularFrame frame, string name) =>
        new(frame.FilePath, 0, name,
            $"the preprocessing was fitted on this column but the file has no such feature column; feature columns here: " +
            InputText.List(frame.Columns.Select(c => c.Name)));
}
