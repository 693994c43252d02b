namespace Dendrite.Data.Tabular;

/// <summary>
/// The rows of one chunk as the streamed fit (<see cref="StreamFitter"/>) reads them, nothing decided yet: the kept
/// rows (target present) with their lines and target texts, the lines skipped for a missing target, and per feature
/// column (indexed by header position, null for the target, the id and ignored columns) its counts and values.
/// </summary>
internal sealed class StreamChunk(int[] lines, int[] skippedLines, string[]? targets, StreamChunkColumn?[] columns)
{
    /// <summary>File line of each kept row.</summary>
    public int[] Lines { get; } = lines;

    /// <summary>Lines whose target is missing, in file order.</summary>
    public int[] SkippedLines { get; } = skippedLines;

    /// <summary>The target text of each kept row (never missing); null without a target column.</summary>
    public string[]? Targets { get; } = targets;

    /// <summary>The feature columns by header position.</summary>
    public StreamChunkColumn?[] Columns { get; } = columns;

    /// <summary>
    /// The same from a table of strings (a Parquet row group), by the rules of <see cref="TabularCsv.Build"/>:
    /// <paramref name="features"/> are the header positions of the feature columns and <paramref name="declared"/> their
    /// declared kinds (a declared categorical column is not counted).
    /// </summary>
    public static StreamChunk FromTable(CsvTable table, int target, int[] features, ColumnKind?[] declared, HashSet<string> missing)
    {
        var keep = new List<int>(table.Rows.Count);
        var skipped = new List<int>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            if (target >= 0 && TabularCsv.IsMissing(table.Rows[r][target], missing)) skipped.Add(table.Lines[r]);
            else keep.Add(r);
        }
        int[] lines = [.. keep.Select(r => table.Lines[r])];
        var columns = new StreamChunkColumn?[table.Header.Length];
        for (int k = 0; k < features.Length; k++)
        {
            int c = features[k];
            var tally = new ColumnKindTally();
            var texts = new string?[keep.Count];
            var numbers = new double[keep.Count];
            for (int i = 0; i < keep.Count; i++)
            {
                string text = table.Rows[keep[i]][c];
                texts[i] = TabularCsv.IsMissing(text, missing) ? null : text;
                numbers[i] = declared[k] == ColumnKind.Categorical ? double.NaN : tally.Add(texts[i], lines[i]);
            }
            columns[c] = new StreamChunkColumn(tally, tally.HasText || declared[k] == ColumnKind.Categorical ? null : numbers, texts);
        }
        string[]? targets = target >= 0 ? [.. keep.Select(r => table.Rows[r][target])] : null;
        return new StreamChunk(lines, [.. skipped], targets, columns);
    }
}
