using CsvHelper;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Copies every checked record of a chunk into a <see cref="FieldBatch"/> (made when the header says how many fields
/// a record has, or reused when <paramref name="reuse"/> has that many), for another thread to consume. A new batch
/// is sized for <paramref name="bytes"/> of fields in <paramref name="records"/> records (the chunk's), so it is not
/// regrown by doubling: each regrowth would leave megabytes of garbage.
/// </summary>
internal sealed class FieldCollector(FieldBatch? reuse, long bytes, int records) : CsvRecordSink
{
    /// <summary>The records read; null until the header is known.</summary>
    public FieldBatch? Batch { get; private set; }

    /// <summary>The column names, once read (from the file or the options).</summary>
    public string[]? HeaderNames { get; private set; }

    public override void Header(string[] header, int line)
    {
        HeaderNames = header;
        Batch = reuse is { } batch && batch.Columns == header.Length ? batch : new FieldBatch(header.Length, bytes, records);
    }

    public override void Record(CsvReader reader, int line) => Batch!.Add(new ReaderFields(reader), line);
}
