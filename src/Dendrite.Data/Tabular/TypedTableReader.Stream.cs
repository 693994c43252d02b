namespace Dendrite.Data.Tabular;

internal sealed partial class TypedTableReader
{
    /// <summary>The records of the one chunk being read (a streamed file's), for a second look at their texts.</summary>
    private FieldBatch? _batch;

    /// <summary>
    /// The frame of one chunk of a streamed file read with <paramref name="options"/>, which is what
    /// <see cref="TabularCsv.Build"/> makes of the same chunk's table of strings (with allowNoRows): the same columns,
    /// target, ids, lines and errors, with numbers parsed from the field bytes.
    /// </summary>
    public static TabularFrame ChunkFrame(string path, TabularCsvOptions options, ChunkFields chunk) =>
        ReadChunk(path, options, chunk).Finish(chunk.Header, chunk.HeaderLine, chunk.Separator, allowNoRows: true);

    /// <summary>
    /// One chunk of a streamed file as the fit reads it: the counts and values of each column with nothing decided (a
    /// column's kind and the task depend on every chunk), so that no chunk fails alone on what the whole file allows.
    /// </summary>
    /// <exception cref="CsvFormatException">The options name a column the file does not have.</exception>
    public static StreamChunk ChunkColumns(string path, TabularCsvOptions options, ChunkFields chunk)
    {
        TypedTableReader reader = ReadChunk(path, options, chunk);
        if (reader._columnError is not null) throw reader._columnError;
        int rows = reader._lines.Count;
        var columns = new StreamChunkColumn?[chunk.Header.Length];
        foreach (Column column in reader._columns)
            columns[column.Index] = new StreamChunkColumn(column.Tally, column.KeepsNumbers ? column.Numbers(rows) : null, column.Texts(rows));
        // The fit tallies the target's texts: a target of many distinct numbers let them go, and gets them again from
        // the chunk's records. Never missing: those rows were skipped.
        if (reader._targetColumn is { TextsLost: true } lost) reader.TextsAgainFrom(chunk.Batch, [lost]);
        string[]? targets = reader._targetColumn is { } target ? Array.ConvertAll(target.Texts(rows)!, t => t!) : null;
        return new StreamChunk(reader._lines.ToArray(), [.. reader._skipped], targets, columns);
    }

    private static TypedTableReader ReadChunk(string path, TabularCsvOptions options, ChunkFields chunk)
    {
        var reader = new TypedTableReader(path, options, chunk.Batch.Count) { _batch = chunk.Batch };
        reader.Header(chunk.Header, chunk.HeaderLine);
        reader.Record(chunk.Batch);
        return reader;
    }

    /// <summary>
    /// Collects again the texts of <paramref name="lost"/> columns from the chunk's records (what
    /// <see cref="ReadTextsAgain"/> does for a whole file by reading it again): the rows the first look kept.
    /// </summary>
    private void TextsAgainFrom(FieldBatch batch, Column[] lost)
    {
        foreach (Column column in lost) column.CollectAgain(_lines.Count);
        for (int r = 0; r < batch.Count; r++)
        {
            if (_targetColumn is not null && Text(batch.Field(r, _target), _targetColumn) is null) continue;
            foreach (Column column in lost) column.AddAgain(Text(batch.Field(r, column.Index), column));
        }
    }
}
