namespace Dendrite.Data.Tabular;

/// <summary>
/// A Parquet file's frame built from typed columns: a numeric feature column becomes its numbers straight away (8 bytes
/// a cell, as the CSV reader keeps them) instead of a string per cell, and every other column takes the text path.
/// The steps, decisions, errors and their order are <see cref="TabularCsv.Build"/>'s; a numeric column of a Parquet file
/// holds only numbers and missing values, which is exactly when the CSV rules make a column numeric with those numbers.
/// </summary>
/// <remarks>
/// Where the typed shortcut could differ from reading the table's text it is not taken: a missing-value marker that
/// reads as a number (say "-999") or an infinity in a numeric column send the whole file down the text path.
/// </remarks>
internal static class ParquetFrameBuilder
{
    /// <summary>
    /// The frame <see cref="TabularCsv.Build"/> makes of <paramref name="file"/>'s text (or of row group
    /// <paramref name="group"/>'s, which may have no rows: a chunk of a streamed file), in less memory.
    /// </summary>
    public static TabularFrame Build(ParquetTableFile file, TabularCsvOptions options, int? group = null)
    {
        string path = file.Path;
        string[] header = file.Header;
        bool allowNoRows = group is not null;
        int from = group ?? 0, to = group + 1 ?? file.GroupRows.Length;
        long firstLine = file.GroupRows.Length == 0 ? 2 : file.FirstRow(from) + 2;
        CsvTable Text() => group is { } g ? file.ReadGroup(g) : file.ReadAll();
        if (file.RowCount == 0 && !allowNoRows) throw new CsvFormatException(path, 1, null, $"no data rows after the header ({InputText.List(header)})");
        var table = new CsvTable(path, ',', 1, header, [], []);
        int target = options.TargetColumn is null ? -1 : TabularCsv.Resolve(table, options.TargetColumn, "target");
        int id = options.IdColumn is null ? -1 : TabularCsv.Resolve(table, options.IdColumn, "id");
        var missing = new HashSet<string>(options.MissingValues, StringComparer.OrdinalIgnoreCase);
        if (missing.Any(m => NumberText.TryParse(m.Trim(), out _)) || (target >= 0 && target == id))
            return TabularCsv.Build(Text(), options, allowNoRows); // Build reports target == id as it does for CSV

        var asNumbers = new bool[header.Length];
        for (int c = 0; c < header.Length; c++)
            asNumbers[c] = c != target && c != id && file.IsNumeric(c) && Declared(options, header[c]) is not ColumnKind.Categorical;
        if (file.ReadColumns(asNumbers, from, to) is not var (numbers, texts)) return TabularCsv.Build(Text(), options, allowNoRows);

        // Rows with a missing target: refused or skipped, as Build's KeptRows does.
        int rows = (int)file.RowsIn(from, to);
        var keep = new List<int>(rows);
        var skipped = new List<int>();
        for (int r = 0; r < rows; r++)
        {
            if (target >= 0 && IsMissing(texts[target]![r], missing))
            {
                if (!options.SkipRowsWithMissingTarget) throw TabularCsv.MissingTarget(path, (int)(firstLine + r), header[target]);
                skipped.Add((int)(firstLine + r));
                continue;
            }
            keep.Add(r);
        }
        if (keep.Count == 0 && !allowNoRows)
            throw new CsvFormatException(path, 1, header[target], $"the target is missing on every one of the {rows} rows");
        int[] lines = [.. keep.Select(r => (int)(firstLine + r))];

        TabularTarget? tabularTarget = null;
        if (target >= 0)
            tabularTarget = TargetBuilder.Build(path, header[target], [.. keep.Select(r => texts[target]![r]!)], lines, options);

        var columns = new List<TabularColumn>();
        for (int c = 0; c < header.Length; c++)
        {
            if (c == target || c == id) continue;
            ColumnKind? declared = Declared(options, header[c]);
            if (declared == ColumnKind.Ignore) continue;
            if (numbers[c] is { } all)
            {
                // Only numbers and missing values: numeric, whatever the declaration (numeric or none).
                double[] kept = keep.Count == rows ? all : [.. keep.Select(r => all[r])];
                columns.Add(TabularColumn.FromNumbers(header[c], kept, null));
                continue;
            }
            string?[] values = [.. keep.Select(r => IsMissing(texts[c]![r], missing) ? null : texts[c]![r])];
            columns.Add(ColumnInference.Build(path, header[c], values, lines, declared, options.MostlyNumericFraction));
        }
        if (columns.Count == 0)
            throw new CsvFormatException(path, 1, null, $"no feature columns: the file has only {InputText.List(header)}, none of which is a feature");

        string?[]? ids = id >= 0 ? [.. keep.Select(r => IsMissing(texts[id]![r], missing) ? null : texts[id]![r])] : null;
        return new TabularFrame(path, ',', columns, tabularTarget, ids, id >= 0 ? header[id] : null, lines, [.. skipped]);
    }

    private static ColumnKind? Declared(TabularCsvOptions options, string name) =>
        options.ColumnKinds is not null && options.ColumnKinds.TryGetValue(name, out ColumnKind kind) ? kind : null;

    private static bool IsMissing(string? text, HashSet<string> missing) => text is null || TabularCsv.IsMissing(text, missing);
}
