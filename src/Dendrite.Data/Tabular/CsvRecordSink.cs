using CsvHelper;

namespace Dendrite.Data.Tabular;

/// <summary>Receives what <see cref="CsvTableReader"/> reads: the header, then each checked data record.</summary>
internal abstract class CsvRecordSink
{
    /// <summary>The column names (from the file, on <paramref name="line"/>, or from the options: line 0), before any record.</summary>
    public abstract void Header(string[] header, int line);

    /// <summary>A data record with one field per column, on file line <paramref name="line"/>; read it before returning.</summary>
    public abstract void Record(CsvReader reader, int line);
}
