namespace Dendrite.Data.Tabular;

/// <summary>
/// One chunk of a streamed CSV file tokenized into field bytes (<see cref="TabularCsvChunks"/>), with what the reader
/// reported about it: the column names and the header's line (0 for a later chunk, whose names come from the first),
/// and the delimiter.
/// </summary>
internal sealed record ChunkFields(FieldBatch Batch, string[] Header, int HeaderLine, char Separator);
