namespace Dendrite.Data.Tabular;

/// <summary>
/// One feature column of a <see cref="StreamChunk"/>: the kind counts of its values in the chunk, and for each kept
/// row its number (NaN = missing; null once the chunk has text in the column) and its trimmed text (null = missing;
/// the array is null when the texts were not kept: many distinct numbers).
/// </summary>
internal sealed record StreamChunkColumn(ColumnKindTally Tally, double[]? Numbers, string?[]? Texts);
