using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Dendrite.Cli.Tests.Tables;

/// <summary>Writes the values of a simple CSV (no quoting) as a Parquet file with Parquet.Net, column types inferred.</summary>
internal static class ParquetTables
{
    /// <summary>
    /// <paramref name="csv"/> as Parquet at <paramref name="path"/>, <paramref name="groupRows"/> rows per row group: a
    /// column of whole numbers is int64, of other numbers double, else string; empty fields are null.
    /// </summary>
    public static string FromCsv(string csv, string path, int groupRows = int.MaxValue)
    {
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        Write(path, header, rows, groupRows).GetAwaiter().GetResult();
        return path;
    }

    private static async Task Write(string path, string[] header, string[][] rows, int groupRows)
    {
        var fields = new DataField[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            IEnumerable<string> values = rows.Select(r => r[c]).Where(v => v.Length > 0);
            Type type = values.All(v => long.TryParse(v, CultureInfo.InvariantCulture, out _)) ? typeof(long)
                : values.All(v => double.TryParse(v, CultureInfo.InvariantCulture, out _)) ? typeof(double)
                : typeof(string);
            fields[c] = new DataField(header[c], type, isNullable: true);
        }
        await using var stream = File.Create(path);
        ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        for (int start = 0; start < rows.Length; start += groupRows)
        {
            string[][] group = rows[start..Math.Min(rows.Length, start + groupRows)];
            using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
            for (int c = 0; c < fields.Length; c++)
            {
                string?[] texts = [.. group.Select(r => r[c].Length == 0 ? null : r[c])];
                if (fields[c].ClrType == typeof(long))
                    await rowGroup.WriteAsync(fields[c], new ReadOnlyMemory<long?>([.. texts.Select(t => t is null ? (long?)null : long.Parse(t, CultureInfo.InvariantCulture))]));
                else if (fields[c].ClrType == typeof(double))
                    await rowGroup.WriteAsync(fields[c], new ReadOnlyMemory<double?>([.. texts.Select(t => t is null ? (double?)null : double.Parse(t, CultureInfo.InvariantCulture))]));
                else
                    await rowGroup.WriteAsync(fields[c], texts);
            }
            rowGroup.CompleteValidate();
        }
        await writer.DisposeAsync();
    }
}
