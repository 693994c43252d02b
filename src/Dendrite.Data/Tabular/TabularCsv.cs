namespace Dendrite.Data.Tabular;

/// <summary>
/// Loads a CSV file with a header row into a <see cref="TabularFrame"/>: typed feature columns, the target (task
/// detected or forced) and optional ids. Nothing is dropped silently: every rejected file raises a
/// <see cref="CsvFormatException"/> naming the line and column, and rows skipped for a missing target are listed.
/// </summary>
public static class TabularCsv
{
    /// <summary>
    /// Reads <paramref name="path"/> into typed columns: each feature column is numeric or categorical (declared in the
    /// options or inferred), the target's task is detected or forced, and the id column is passed through. Rows with a
    /// missing target are skipped and listed in <see cref="TabularFrame.SkippedLines"/> only when the options allow it.
    /// </summary>
    /// <param name="path">
    /// A CSV file with a header row; its delimiter is detected unless given. A Parquet file (recognized by its magic
    /// bytes "PAR1") is read by <see cref="TabularParquet.Load"/> instead, with the same rules.
    /// </param>
    /// <param name="options">How to read it; null = the defaults of <see cref="TabularCsvOptions"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="CsvFormatException">
    /// The file cannot be used: ragged or empty, an unknown target, id or declared column, a missing target value, no
    /// feature column left, or a value that does not fit its column's kind. The message names line and column.
    /// </exception>
    /// <exception cref="DatasetNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file exists but cannot be opened or read.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options ask to skip a negative number of lines.</exception>
    public static TabularFrame Load(string path, TabularCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new TabularCsvOptions();
        // A Parquet table is recognized by its magic bytes, whatever the file is called, and read by the same rules.
        if (TabularParquet.IsParquet(path)) return TabularParquet.Load(path, options);
        // Typed columns straight from the file's bytes: no string per cell, no table of strings (Build's rules).
        return TypedTableReader.Load(path, options);
    }

    /// <summary>
    /// Reads records that arrive as fields rather than as a file (a JSON request, a database cursor) exactly as
    /// <see cref="Load"/> reads the same values from a CSV: fields are trimmed, an empty one or a
    /// <see cref="TabularCsvOptions.MissingValues"/> marker is missing (so is null), and the column kinds, target and
    /// id options apply the same way. Record i is reported as line i + 1 of <paramref name="source"/>; the options'
    /// file-reading settings (delimiter detection, skipped lines, header names, size limits) do not apply.
    /// </summary>
    /// <param name="source">What the records are called in error messages (as a file's path would be).</param>
    /// <param name="header">The column names, one per field of every record.</param>
    /// <param name="records">The rows; each has one field per column, null where the value is missing.</param>
    /// <param name="options">How to read the columns (kinds, target, id, missing-value markers).</param>
    /// <exception cref="CsvFormatException">No records, an empty or duplicate column name, a record of the wrong
    /// length, or any value <see cref="Load"/> would refuse; the message names the record and column.</exception>
    public static TabularFrame FromRecords(string source, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> records,
        TabularCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(records);
        options ??= new TabularCsvOptions();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in header)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new CsvFormatException(source, 0, null, "a column name is empty");
            if (!names.Add(name)) throw new CsvFormatException(source, 0, name, "the column name appears twice");
        }
        if (records.Count == 0) throw new CsvFormatException(source, 0, null, "no records");
        var rows = new List<string[]>(records.Count);
        var lines = new List<int>(records.Count);
        for (int r = 0; r < records.Count; r++)
        {
            IReadOnlyList<string?> record = records[r];
            if (record.Count != header.Count)
                throw new CsvFormatException(source, r + 1, null, $"{record.Count} fields, expected {header.Count} ({InputText.List(header)})");
            var fields = new string[header.Count];
            // The CSV reader trims every field and reads an empty one as missing; null is missing here too.
            for (int c = 0; c < fields.Length; c++) fields[c] = record[c]?.Trim() ?? "";
            rows.Add(fields);
            lines.Add(r + 1);
        }
        return Build(new CsvTable(source, options.Delimiter ?? ',', 0, [.. header], rows, lines), options);
    }

    /// <summary>
    /// The frame of a table's text, whether it came from a file, from records or from one chunk of a streamed file
    /// (<paramref name="allowNoRows"/>: a chunk whose every target is missing is empty, not an error).
    /// </summary>
    internal static TabularFrame Build(CsvTable table, TabularCsvOptions options, bool allowNoRows = false)
    {
        string path = table.Path;
        string[] header = table.Header;

        int target = options.TargetColumn is null ? -1 : Resolve(table, options.TargetColumn, "target");
        int id = options.IdColumn is null ? -1 : Resolve(table, options.IdColumn, "id");
        if (target >= 0 && target == id)
            throw new CsvFormatException(path, table.HeaderLine, header[target], "the same column cannot be both the target and the id column");
        if (options.ColumnKinds is not null)
            foreach (string name in options.ColumnKinds.Keys) Resolve(table, name, "declared");

        var missing = new HashSet<string>(options.MissingValues, StringComparer.OrdinalIgnoreCase);
        List<int> keep = KeptRows(table, target, missing, options.SkipRowsWithMissingTarget, allowNoRows, out int[] skippedLines);
        int[] lines = keep.Select(r => table.Lines[r]).ToArray();

        TabularTarget? tabularTarget = null;
        if (target >= 0)
        {
            string[] targetValues = keep.Select(r => table.Rows[r][target]).ToArray();
            tabularTarget = TargetBuilder.Build(path, header[target], targetValues, lines, options);
        }

        var columns = new List<TabularColumn>();
        for (int c = 0; c < header.Length; c++)
        {
            if (c == target || c == id) continue;
            ColumnKind? declared = options.ColumnKinds is not null && options.ColumnKinds.TryGetValue(header[c], out ColumnKind kind) ? kind : null;
            if (declared == ColumnKind.Ignore) continue;
            columns.Add(ColumnInference.Build(path, header[c], Values(table, keep, c, missing), lines, declared, options.MostlyNumericFraction));
        }
        if (columns.Count == 0)
            throw new CsvFormatException(path, table.HeaderLine, null,
                $"no feature columns: the file has only {InputText.List(header)}, none of which is a feature");

        string?[]? ids = id >= 0 ? Values(table, keep, id, missing) : null;
        return new TabularFrame(path, table.Delimiter, columns, tabularTarget, ids, id >= 0 ? header[id] : null, lines, skippedLines);
    }

    /// <summary>
    /// The column names of <paramref name="path"/> as <see cref="Load"/> would read them (same delimiter detection,
    /// skipped lines and header options), so a caller can check which columns a file has before loading it. A Parquet
    /// file's are its top-level column names (<see cref="TabularParquet.ReadHeader"/>).
    /// </summary>
    public static IReadOnlyList<string> ReadHeader(string path, TabularCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (TabularParquet.IsParquet(path)) return TabularParquet.ReadHeader(path, options);
        return CsvTableReader.Read(path, options ?? new TabularCsvOptions()).Header;
    }

    internal static int Resolve(CsvTable table, string name, string role)
    {
        int index = Array.IndexOf(table.Header, name);
        if (index >= 0) return index;
        throw new CsvFormatException(table.Path, table.HeaderLine, name,
            $"no such {role} column; available columns: {InputText.List(table.Header)}");
    }

    private static List<int> KeptRows(CsvTable table, int target, HashSet<string> missing, bool skipMissingTarget, bool allowNoRows, out int[] skippedLines)
    {
        var keep = new List<int>(table.Rows.Count);
        var skipped = new List<int>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            if (target >= 0 && IsMissing(table.Rows[r][target], missing))
            {
                if (!skipMissingTarget)
                    throw MissingTarget(table.Path, table.Lines[r], table.Header[target]);
                skipped.Add(table.Lines[r]);
                continue;
            }
            keep.Add(r);
        }
        if (keep.Count == 0 && !allowNoRows)
            throw new CsvFormatException(table.Path, table.HeaderLine, table.Header[target], $"the target is missing on every one of the {table.Rows.Count} rows");
        skippedLines = skipped.ToArray();
        return keep;
    }

    private static string?[] Values(CsvTable table, List<int> rows, int column, HashSet<string> missing)
    {
        var values = new string?[rows.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string text = table.Rows[rows[i]][column];
            values[i] = IsMissing(text, missing) ? null : text;
        }
        return values;
    }

    internal static CsvFormatException MissingTarget(string path, int line, string target) =>
        new(path, line, target, "the target value is missing; fill it in, or skip rows with a missing target");

    internal static bool IsMissing(string text, HashSet<string> missing) => text.Length == 0 || missing.Contains(text);
}
