using System.Globalization;
using System.Text;
using Dendrite.TestKit;
using Parquet;
using Parquet.Schema;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// Writes small Parquet files with Parquet.Net (nullable columns, a chosen number of rows per row group) and the same
/// table as CSV text, the way a CSV export shows it: null empty, a float as its shortest text, a bool as 1 or 0.
/// </summary>
internal sealed class ParquetFixture : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-parquet-");
    private int _count;

    /// <summary>A column: its name and a typed array of values (double?[], float?[], int?[], long?[], bool?[], decimal?[], string?[], DateTime?[]).</summary>
    public sealed record Column(string Name, Array Values);

    public string NewPath(string extension = ".parquet") => _dir.Combine($"table{_count++}{extension}");

    /// <summary>Writes the columns to a new Parquet file, <paramref name="groupRows"/> rows per row group.</summary>
    public string Write(int groupRows, params Column[] columns)
    {
        string path = NewPath();
        WriteAsync(path, groupRows, columns).GetAwaiter().GetResult();
        return path;
    }

    public string Write(params Column[] columns) => Write(int.MaxValue, columns);

    /// <summary>The same columns as a CSV file.</summary>
    public string WriteCsv(params Column[] columns)
    {
        string path = NewPath(".csv");
        var text = new StringBuilder(string.Join(',', columns.Select(c => c.Name))).Append('\n');
        int rows = columns[0].Values.Length;
        for (int r = 0; r < rows; r++)
            text.Append(string.Join(',', columns.Select(c => Text(c.Values.GetValue(r))))).Append('\n');
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "1" : "0",
        float f => f.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static async Task WriteAsync(string path, int groupRows, Column[] columns)
    {
        DataField[] fields = [.. columns.Select(c => new DataField(c.Name, c.Values.GetType().GetElementType()!, isNullable: true))];
        int rows = columns[0].Values.Length;
        await using var stream = File.Create(path);
        ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        for (int start = 0; start < rows || start == 0; start += groupRows)
        {
            int count = Math.Min(groupRows, rows - start);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            for (int c = 0; c < columns.Length; c++)
            {
                DataField f = fields[c];
                Task write = columns[c].Values switch
                {
                    double?[] v => group.WriteAsync(f, new ReadOnlyMemory<double?>(v, start, count)),
                    float?[] v => group.WriteAsync(f, new ReadOnlyMemory<float?>(v, start, count)),
                    int?[] v => group.WriteAsync(f, new ReadOnlyMemory<int?>(v, start, count)),
                    long?[] v => group.WriteAsync(f, new ReadOnlyMemory<long?>(v, start, count)),
                    bool?[] v => group.WriteAsync(f, new ReadOnlyMemory<bool?>(v, start, count)),
                    decimal?[] v => group.WriteAsync(f, new ReadOnlyMemory<decimal?>(v, start, count)),
                    DateTime?[] v => group.WriteAsync(f, new ReadOnlyMemory<DateTime?>(v, start, count)),
                    string?[] v => group.WriteAsync(f, (IReadOnlyCollection<string?>)v[start..(start + count)]),
                    _ => throw new ArgumentException($"no writer for {columns[c].Values.GetType()}"),
                };
                await write;
            }
            group.CompleteValidate();
            if (rows == 0) break;
        }
        await writer.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();
}
