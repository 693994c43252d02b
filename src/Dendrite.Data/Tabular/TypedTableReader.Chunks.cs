using System.Collections.Concurrent;

namespace Dendrite.Data.Tabular;

internal sealed partial class TypedTableReader
{
    /// <summary>
    /// Bytes per chunk of the parallel read: enough to amortize a reader per chunk, few enough to spread (and the least
    /// file size it is used for is two chunks). The chunks in flight are garbage once the file is read, so they are
    /// kept small: 1 MiB measured as fast as 4 MiB on a 1,000,000-row file and peaked 10–15 MB lower.
    /// </summary>
    private const long ParallelChunkBytes = 1L << 20;

    /// <summary>Chunks tokenized ahead of the one being consumed (each holds about its size in field bytes).</summary>
    private const int ChunksAhead = 3;

    /// <summary>
    /// Loads a large file with its tokenizing spread over the cores: chunk 0 (the header and what the options skip) is
    /// read here, the later chunks (cut at record boundaries by <see cref="CsvChunkIndex"/>) are tokenized on the thread
    /// pool into <see cref="FieldBatch"/>es, and this thread consumes them in file order exactly as it would consume the
    /// records of one reader, so columns and the errors found once the file is read are those of the sequential read.
    /// Null when the sequential read should do it: one core, an address-space limit, a small or unreadable file, text
    /// it cannot cut (UTF-16/32, no '\n'), or a chunk that fails to parse (so that the error and its message are the
    /// sequential read's).
    /// </summary>
    private static TabularFrame? TryLoadInChunks(string path, TabularCsvOptions options, long chunkBytes)
    {
        // Under an address-space limit a pool thread may not get its stack: the runtime would abort, not throw.
        if (Environment.ProcessorCount < 2 || options.SkipLines < 0 || AddressSpaceLimit.IsSet) return null;
        CsvChunkIndex index;
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length / 2 < chunkBytes) return null;
            index = CsvChunkIndex.Build(path, chunkBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            return null; // the sequential read reports it
        }
        if (index.Count < 2) return null;

        var first = new FieldCollector(null, index.ChunkLength(0), index.ExpectedRecords(0));
        (string[] header, int headerLine, char separator) read;
        try
        {
            read = CsvTableReader.Read(path, options, 0, index.ChunkLength(0), 1, segment: true, first, checkStart: true);
        }
        catch (DataFormatException)
        {
            // No header in the first chunk (pages of blank or skipped lines), or a fault: the sequential read decides,
            // and reports a fault exactly as it always has (the reader's own message counts records from the chunk).
            return null;
        }
        (string[] names, int line, char delimiter) = read;

        // Later chunks have no header: they are read with the first chunk's column names and delimiter.
        TabularCsvOptions later = options with { ColumnNames = names, Delimiter = delimiter, SkipLines = 0 };
        var spare = new ConcurrentBag<FieldBatch>();
        Task<FieldBatch> Tokenize(int chunk) => Task.Run(() =>
        {
            var collector = new FieldCollector(spare.TryTake(out FieldBatch? reuse) ? reuse : null, index.ChunkLength(chunk), index.ExpectedRecords(chunk));
            CsvTableReader.Read(path, later, index.Offsets[chunk], index.ChunkLength(chunk), index.Lines[chunk], segment: true, collector,
                checkStart: false);
            return collector.Batch!;
        });
        var pending = new Queue<Task<FieldBatch>>();
        int next = 1;
        while (next < index.Count && pending.Count < ChunksAhead) pending.Enqueue(Tokenize(next++));

        var reader = new TypedTableReader(path, options, ExpectedRows(index.LineBreaks, options));
        reader.Header(names, line);
        long records = 0;
        FieldBatch batch = first.Batch!;
        while (true)
        {
            reader.Record(batch);
            records += batch.Count;
            batch.Clear();
            spare.Add(batch);
            if (pending.Count == 0) break;
            try
            {
                batch = pending.Dequeue().GetAwaiter().GetResult();
            }
            catch (DataFormatException)
            {
                return null; // a fault in this chunk (malformed quoting, a ragged row): reported by the sequential read
            }
            if (next < index.Count) pending.Enqueue(Tokenize(next++));
        }
        if (records == 0)
            throw new CsvFormatException(path, line, null, $"no data rows after the header ({InputText.List(names)})");
        return reader.Finish(names, line, delimiter);
    }
}
