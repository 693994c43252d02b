using CsvHelper;

namespace Dendrite.Data.Tabular;

/// <summary>Keeps every record as an array of trimmed strings (the rows of a <see cref="CsvTable"/>).</summary>
internal sealed class StringRows : CsvRecordSink
{
    public List<string[]> Rows { get; } = [];

    public List<int> Lines { get; } = [];

    public override void Header(string[] header, int line) { }

    public override void Record(CsvReader reader, int line)
    {
        Rows.Add(CsvTableReader.Fields(reader));
        Lines.Add(line);
    }
}
