using CsvHelper;
using HelperFormatException = CsvHelper.CsvFormatException;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Reads a CSV file into a <see cref="CsvTable"/> with CsvHelper (RFC 4180 quoting, separator detection among
/// comma, semicolon, tab and pipe from the first lines), rejecting files that cannot be a table: empty, header
/// only, ragged rows, empty or duplicate column names, malformed quoting, and input that is not text at all.
/// </summary>
/// <remarks>
/// Hostile or accidental input is bounded before it is parsed: the first kilobyte must look like UTF-8 text
/// (<see cref="CsvTextCheck"/>), a NUL byte anywhere fails at once (<see cref="CsvInputStream"/>), a record longer
/// than <see cref="TabularCsvOptions.MaxRecordBytes"/> fails when the reader would have to grow its buffer past it,
/// and a record with more than <see cref="TabularCsvOptions.MaxColumns"/> fields fails before its fields become
/// strings. So /dev/zero, an unclosed quote in a large file or a 50 MB header line fail within a few megabytes.
/// </remarks>
internal static class CsvTableReader
{
    public static CsvTable Read(string path, TabularCsvOptions options) => Read(path, options, 0, long.MaxValue, 1, segment: false);

    /// <summary>
    /// The records of <paramref name="length"/> bytes from <paramref name="offset"/>, which must start a record on file
    /// line <paramref name="firstLine"/>: one chunk of a file read in parts (<see cref="CsvChunkIndex"/>). The options
    /// must name the columns and the delimiter (the header was read with the first chunk); a chunk may hold no rows.
    /// </summary>
    public static CsvTable ReadSegment(string path, TabularCsvOptions options, long offset, long length, int firstLine) =>
        Read(path, options, offset, length, firstLine, segment: true);

    private static CsvTable Read(string path, TabularCsvOptions options, long offset, long length, int firstLine, bool segment)
    {
        var sink = new StringRows();
        (string[] header, int headerLine, char separator) = Read(path, options, offset, length, firstLine, segment, sink);
        return new CsvTable(path, separator, headerLine, header, sink.Rows, sink.Lines);
    }

    /// <summary>
    /// Reads the records of a file (or of a segment of one) with every check, handing each data record to
    /// <paramref name="sink"/> while the reader is on it: the one loop behind both the table of strings and the typed
    /// columns of <see cref="TypedTableReader"/>.
    /// </summary>
    /// <remarks>
    /// <c>checkStart</c> says whether the segment's first kilobyte must look like text (<see cref="CsvTextCheck"/>):
    /// false for the later chunks of a file whose start was checked, which is all a whole-file read checks.
    /// </remarks>
    internal static (string[] Header, int HeaderLine, char Separator) Read(string path, TabularCsvOptions options, long offset, long length, int firstLine,
        bool segment, CsvRecordSink sink, bool checkStart = true)
    {
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path}: no such CSV file");
        if (options.SkipLines < 0) throw new ArgumentOutOfRangeException(nameof(options), "SkipLines must be >= 0");
        int lineOffset = firstLine - 1;

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
            MaxRecordSize = options.MaxRecordBytes,
            // Repeated values of a column (categories, small integers) share one string instead of one per cell.
            PoolStrings = true,
        };

        try
        {
            using CsvReader reader = CsvReader.Create(OpenChecked(path, offset, length, firstLine, checkStart), readerOptions, leaveOpen: false);
            string[]? header = options.ColumnNames?.ToArray();
            int headerLine = 0;
            int skipped = 0;
            long records = 0;
            if (header is not null) sink.Header(header, 0);
            while (reader.Read())
            {
                int line = Line(path, reader.LineNumber + lineOffset);
                CheckSize(path, line, reader, options);
                // Fields become strings here only when a record has one field (to tell a line of spaces) or is not data.
                if (reader.FieldCount == 1 && (reader.GetString(0) ?? "").Trim().Length == 0) continue; // a line of only spaces
                if (skipped < options.SkipLines)
                {
                    skipped++;
                    continue;
                }
                if (header is null)
                {
                    header = Fields(reader);
                    headerLine = line;
                    CheckHeader(path, line, header);
                    sink.Header(header, line);
                    continue;
                }
                CheckFieldCount(path, line, header, reader.FieldCount);
                sink.Record(reader, line);
                records++;
            }

            if (header is null) throw new CsvFormatException(path, 0, null, "the file is empty; expected a header line with column names");
            if (options.ColumnNames is not null) CheckHeader(path, 0, header);
            if (records == 0 && !segment)
                throw new CsvFormatException(path, headerLine, null, $"no data rows after the header ({InputText.List(header)})");
            return (header, headerLine, reader.Separator);
        }
        catch (HelperFormatException e)
        {
            int line = e.LineNumber > 0 && e.LineNumber + lineOffset <= int.MaxValue ? (int)(e.LineNumber + lineOffset) : 0;
            if (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal))
                throw TooLong(path, line, options.MaxRecordBytes);
            throw new CsvFormatException(path, line, null, $"malformed CSV: {InputText.Clip(e.Message, 200)}");
        }
        catch (IOException e)
        {
            throw new DataFormatException($"{path}: cannot read the CSV file: {InputText.Clip(e.Message, 200)}", e);
        }
    }

    /// <summary>Opens the file and refuses it at once when its first bytes cannot be text.</summary>
    private static CsvInputStream OpenChecked(string path, long offset, long length, int firstLine, bool checkStart)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataFormatException($"{path}: cannot open the CSV file: {e.Message}", e);
        }
        try
        {
            if (offset > 0) file.Seek(offset, SeekOrigin.Begin);
            var sample = new byte[(int)Math.Min(CsvTextCheck.SampleLength, length)];
            int got = 0;
            while (got < sample.Length)
            {
                int n = file.Read(sample, got, sample.Length - got);
                if (n == 0) break;
                got += n;
            }
            Array.Resize(ref sample, got);
            if (checkStart) CsvTextCheck.Check(path, sample, complete: got < CsvTextCheck.SampleLength);
            return new CsvInputStream(file, path, sample, checkNul: !CsvTextCheck.IsWideText(sample), length, firstLine, offset);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static int Line(string path, long line) =>
        line <= int.MaxValue ? (int)line : throw new CsvFormatException(path, 0, null, $"more than {int.MaxValue} lines; split the file");

    /// <summary>
    /// The reader enforces the record limit only when it must grow its buffer, so a long record that arrived whole
    /// is checked here; the field count is checked before any field becomes a string.
    /// </summary>
    private static void CheckSize(string path, int line, CsvReader reader, TabularCsvOptions options)
    {
        if (reader.RawRecord.Length > options.MaxRecordBytes) throw TooLong(path, line, options.MaxRecordBytes);
        if (reader.FieldCount > options.MaxColumns)
            throw new CsvFormatException(path, line, null,
                $"the record has {reader.FieldCount} fields, more than the limit of {options.MaxColumns} columns " +
                "(the wrong delimiter, or raise the limit: TabularCsvOptions.MaxColumns)");
    }

    private static CsvFormatException TooLong(string path, int line, int limit) =>
        new(path, line, null,
            $"the record is longer than the limit of {limit} bytes: a quote that never closes, a file without line breaks, " +
            "or not a CSV (for a genuine long record, raise TabularCsvOptions.MaxRecordBytes)");

    /// <summary>Every field of the current record, trimmed.</summary>
    internal static string[] Fields(CsvReader reader)
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
                $"the row has {count} fields, expected {header.Length} like the header (no value for '{InputText.Clip(header[count])}' onward)");
        if (count > header.Length)
            throw new CsvFormatException(path, line, header[^1],
                $"the row has {count} fields, expected {header.Length} like the header ({count - header.Length} more after the last column '{InputText.Clip(header[^1])}')");
    }
}
