namespace Dendrite.Data.Tabular;

public sealed partial class TabularCsvChunks
{
    /// <summary>
    /// Chunk <paramref name="chunk"/> of the CSV file tokenized into field bytes (into <paramref name="reuse"/> when it
    /// fits), by the same read as <see cref="ReadChunk"/>'s table of strings: the same checks, so a malformed chunk
    /// fails with the same message and line.
    /// </summary>
    internal ChunkFields Tokenize(int chunk, FieldBatch? reuse = null)
    {
        CsvChunkIndex index = _index!;
        var collector = new FieldCollector(reuse);
        (string[] header, int headerLine, char separator) = chunk == 0
            ? CsvTableReader.Read(Path, _options, 0, index.ChunkLength(0), 1, segment: true, collector)
            : CsvTableReader.Read(Path, _laterChunks, index.Offsets[chunk], index.ChunkLength(chunk), index.Lines[chunk], segment: true, collector);
        return new ChunkFields(collector.Batch!, header, headerLine, separator);
    }

    /// <summary>
    /// Reads every chunk of the CSV file with <paramref name="read"/> and hands the results to <paramref name="visit"/>
    /// in file order. <paramref name="read"/> gets the chunk tokenized and must be done with its records when it
    /// returns (the batch is reused). A chunk that fails to tokenize or read raises its error when its turn comes,
    /// after every chunk before it has been visited.
    /// </summary>
    internal void ForEachChunk<T>(Func<ChunkFields, T> read, Action<T> visit)
    {
        FieldBatch? reuse = null;
        for (int c = 0; c < ChunkCount; c++)
        {
            ChunkFields fields = Tokenize(c, reuse);
            T result = read(fields);
            reuse = fields.Batch;
            reuse.Clear();
            visit(result);
        }
    }
}
