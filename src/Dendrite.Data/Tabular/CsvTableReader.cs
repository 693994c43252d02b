using CsvHelper;
using HelperFormatException = CsvHelper.CsvFormatException;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Reads a CSV file into a <see cref="CsvTable"/> with CsvHelper (RFC 4180 quoting, separator detection among
/// comma, semicolon, tab and pipe from the first lines), rejecting files that cannot be a table: empty, header
/// only, ragged rows, empty or duplicate column names, malformed quoting.
/// </summary>
internal static class CsvTableReader
{
    public static CsvTable Read(string path, TabularCsvOptions options)
    {
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path}: no such CSV file");
        if (options.SkipLines < 0) throw new ArgumentOutOfRangeException(nameof(options), "SkipLines must be >= 0");

        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter,
            HasHeader = false,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            // Strict: a stray quote usually means a broken export; guessing what was meant hides it.
            MalformedData = CsvMalformedDataHandling.Throw,
            // Field counts are checked here, where the message can name the column.
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };

        try
        {
            using CsvReader reader = CsvReader.FromFile(path, readerOptions);
            string[]? header = options.ColumnNames?.ToArray();
            int headerLine = 0;
            int skipped = 0;
            var rows = new List<string[]>();
            var lines = new List<int>();
            while (reader.Read())
            {
                int line = checked((int)reader.LineNumber);
                string[] fields = Fields(reader);
                if (fields.Length == 1 && fields[0].Length == 0) continue; // a line of only spaces
                if (skipped < options.SkipLines)
                {
                    skipped++;
                    continue;
                }
                if (header is null)
                {
                    header = fields;
                    headerLine = line;
                    CheckHeader(path, line, header);
                    continue;
                }
                CheckFieldCount(path, line, header, fields.Length);
                rows.Add(fields);
                lines.Add(line);
            }

            if (header is null) throw new CsvFormatException(path, 0, null, "the file is empty; expected a header line with column names");
            if (options.ColumnNames is not null) CheckHeader(path, 0, header);
            if (rows.Count == 0)
                throw new CsvFormatException(path, headerLine, null, $"no data rows after the header ({string.Join(", ", header)})");
            return new CsvTable(path, reader.Separator, headerLine, header, rows, lines);
        }
        catch (HelperFormatException e)
        {
            throw new CsvFormatException(path, checked((int)e.LineNumber), null, $"malformed CSV: {e.Message}");
        }
    }

    private static string[] Fields(CsvReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (int i = 0; i < fields.Length; i++)
            fields[i] = (reader.GetString(i) ?? "").Trim();
        return fields;
    }

    private static void CheckHeader(string path, int line, string[] header)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
                throw new CsvFormatException(path, line, $"#{i + 1}",
                    $"field {i + 1} of the header is empty; every column needs a name (a row index column can be named and passed as the id column)");
            if (seen.TryGetValue(header[i], out int first))
                throw new CsvFormatException(path, line, header[i], $"the column name appears twice (fields {first + 1} and {i + 1}); column names must be unique");
            seen.Add(header[i], i);
        }
    }

    private static void CheckFieldCount(string path, int line, string[] header, int count)
    {
        if (count < header.Length)
            throw new CsvFormatException(path, line, header[count],
                $"the row has {count} fields, expected {header.Length} like the header (no value for '{header[count]}' onward)");
        if (count > header.Length)
            throw new CsvFormatException(path, line, header[^1],
                $"the row has {count} fields, expected {header.Length} like the header ({count - header.Length} more after the last column '{header[^1]}')");
    }
}
