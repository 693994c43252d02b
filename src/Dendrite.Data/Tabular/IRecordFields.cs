namespace Dendrite.Data.Tabular;

/// <summary>The fields of one record as UTF-8 bytes, wherever they are held (the CSV reader, for a <see cref="FieldBatch"/> to copy).</summary>
internal interface IRecordFields
{
    /// <summary>Field <paramref name="index"/>, unquoted and trimmed as the reader decodes it.</summary>
    ReadOnlySpan<byte> Field(int index);
}
