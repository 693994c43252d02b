using CsvHelper;

namespace Dendrite.Data.Tabular;

/// <summary>The fields of the record a <see cref="CsvReader"/> is on.</summary>
internal readonly struct ReaderFields(CsvReader reader) : IRecordFields
{
    public ReadOnlySpan<byte> Field(int index) => reader.GetSpan(index);
}
