namespace Dendrite.Data.Tabular;

/// <summary>The fields of record <c>row</c> of a <see cref="FieldBatch"/>.</summary>
internal readonly struct BatchFields(FieldBatch batch, int row) : IRecordFields
{
    public ReadOnlySpan<byte> Field(int index) => batch.Field(row, index);
}
