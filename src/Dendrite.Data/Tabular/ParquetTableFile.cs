using System.Buffers.Binary;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Dendrite.Data.Tabular;

/// <summary>
/// A Parquet file seen as a table: its footer read and checked once, then its row groups read one at a time as the
/// text of a <see cref="CsvTable"/>, which <see cref="TabularCsv.Build"/>, the chunked fit and the transform consume
/// exactly as they consume a CSV. Rows are numbered as the lines of the same table written as CSV: the header is
/// line 1 and row r (0-based, over the whole file) is line r + 2, so errors, skipped-row lists and line-hash splits
/// agree between the two formats.
/// </summary>
/// <remarks>
/// The file is untrusted: the footer length, row counts, value counts and column chunk ranges are checked against the
/// file's real length and against <see cref="MaxValuesPerStoredByte"/> before anything is allocated for them, and any
/// error of the decoder becomes a one-line <see cref="DataFormatException"/>.
/// </remarks>
internal sealed class ParquetTableFile
{
    /// <summary>"PAR1", at the start and at the end of every Parquet file.</summary>
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>
    /// A row group may decode to at most this many values per byte its used column chunks store (plus
    /// <see cref="FreeValues"/>): far above real compression ratios, yet it keeps a small file from claiming billions
    /// of rows that the reader would allocate.
    /// </summary>
    public const int MaxValuesPerStoredByte = 64;

    /// <summary>Values a row group may always have, however small its stored chunks (a long run of one value is tiny).</summary>
    public const long FreeValues = 1 << 20;

    private static readonly ParquetOptions ReadOptions = new() { TreatByteArrayAsString = true };

    private readonly DataField?[] _fields;
    private readonly long[] _firstRow;

    private ParquetTableFile(string path, string[] header, DataField?[] fields, int[] groupRows, long[] firstRow, long storedBytes)
    {
        Path = path;
        Header = header;
        _fields = fields;
        GroupRows = groupRows;
        _firstRow = firstRow;
        StoredBytes = storedBytes;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The top-level column names, in file order.</summary>
    public string[] Header { get; }

    /// <summary>Number of rows of each row group.</summary>
    public int[] GroupRows { get; }

    /// <summary>Bytes the used column chunks take in the file.</summary>
    public long StoredBytes { get; }

    /// <summary>The 0-based index in the file of row group <paramref name="group"/>'s first row.</summary>
    public long FirstRow(int group) => _firstRow[group];

    /// <summary>Number of rows in the file.</summary>
    public long RowCount => _firstRow.Length == 0 ? 0 : _firstRow[^1] + GroupRows[^1];

    /// <summary>
    /// Whether <paramref name="path"/> is (or was meant to be) a Parquet file: it starts with the magic "PAR1" and either
    /// ends with it too or, when it does not (a truncated file), holds binary bytes right after it. A text file that
    /// merely starts with "PAR1" (a CSV whose first column is named so) is not. False when it cannot be read.
    /// </summary>
    public static bool HasMagic(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            Span<byte> head = stackalloc byte[4];
            if (file.ReadAtLeast(head, 4, throwOnEndOfStream: false) != 4 || !head.SequenceEqual(Magic)) return false;
            if (!file.CanSeek) return true; // a pipe: the first bytes are all there is to go by
            if (file.Length >= 8)
            {
                Span<byte> tail = stackalloc byte[4];
                file.Position = file.Length - 4;
                if (file.ReadAtLeast(tail, 4, throwOnEndOfStream: false) == 4 && tail.SequenceEqual(Magic)) return true;
            }
            Span<byte> next = stackalloc byte[256];
            file.Position = 4;
            int read = file.ReadAtLeast(next, next.Length, throwOnEndOfStream: false);
            foreach (byte b in next[..read])
                if (b < 0x09 || b is > 0x0D and < 0x20) return true; // a control byte: binary, so a damaged Parquet file
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the loader reports it
        }
    }

    /// <summary>
    /// Reads and checks the footer of <paramref name="path"/>: the column names, the types of the columns
    /// <paramref name="options"/> uses (declared <see cref="ColumnKind.Ignore"/> ones are never read), the target,
    /// id and declared columns, and the row counts and chunk ranges against the file's length. Without
    /// <paramref name="checkTypes"/> (only the names and shape are wanted), columns of unsupported types are left unread.
    /// </summary>
    public static ParquetTableFile Open(string path, TabularCsvOptions options, bool checkTypes = true)
    {
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path}: no such Parquet file");
        if (options.ColumnNames is not null || options.SkipLines > 0)
            throw new CsvFormatException(path, 0, null, "a Parquet file names its own columns: column names and skipped lines apply to CSV files only");
        return Guarded(path, () =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            long length = stream.Length;
            CheckEnvelope(path, stream, length);
            // Not disposed: disposing a reader only closes its stream, which the using above does.
            ParquetReader reader = ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true).GetAwaiter().GetResult();
            return FromFooter(path, reader, options, length, checkTypes);
        });
    }

    /// <summary>The text of row group <paramref name="group"/>, its rows numbered as CSV lines.</summary>
    public CsvTable ReadGroup(int group) => ReadGroups(group, group + 1);

    /// <summary>Every row group as one table (what <see cref="TabularCsv.Load"/> reads).</summary>
    public CsvTable ReadAll() => ReadGroups(0, GroupRows.Length);

    private CsvTable ReadGroups(int from, int to)
    {
        return Guarded(Path, () =>
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            ParquetReader reader = OpenUnchanged(stream);
            long total = RowsIn(from, to);
            var rows = new List<string[]>((int)Math.Min(total, int.MaxValue));
            var lines = new List<int>(rows.Capacity);
            var distinct = new Dictionary<string, string>?[_fields.Length];
            for (int g = from; g < to; g++)
            {
                ParquetRowGroupReader groupReader = OpenGroup(reader, g);
                int n = GroupRows[g];
                var columns = new string?[_fields.Length][];
                for (int c = 0; c < _fields.Length; c++)
                    if (_fields[c] is { } field) columns[c] = ParquetCells.Read(groupReader, field, n, distinct[c] ??= new(StringComparer.Ordinal));
                for (int r = 0; r < n; r++)
                {
                    var fields = new string[_fields.Length];
                    for (int c = 0; c < fields.Length; c++) fields[c] = columns[c]?[r] ?? "";
                    rows.Add(fields);
                    lines.Add((int)(_firstRow[g] + r + 2));
                }
            }
            return new CsvTable(Path, ',', 1, Header, rows, lines);
        });
    }

    /// <summary>Rows in row groups <paramref name="from"/> up to <paramref name="to"/>.</summary>
    public long RowsIn(int from, int to)
    {
        long rows = 0;
        for (int g = from; g < to; g++) rows += GroupRows[g];
        return rows;
    }

    /// <summary>
    /// A reader over <paramref name="stream"/> (not disposed: disposing it only closes the stream, which its owner
    /// does), refused when the file no longer has the row groups its footer had when this was opened.
    /// </summary>
    private ParquetReader OpenUnchanged(Stream stream)
    {
        ParquetReader reader = ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true).GetAwaiter().GetResult();
        if (reader.RowGroupCount != GroupRows.Length)
            throw new DataFormatException($"{Path}: the Parquet file changed while it was read ({reader.RowGroupCount} row groups, had {GroupRows.Length})");
        return reader;
    }

    /// <summary>Row group <paramref name="group"/>'s reader, refused when its row count changed since the file was opened.</summary>
    private ParquetRowGroupReader OpenGroup(ParquetReader reader, int group)
    {
        ParquetRowGroupReader groupReader = reader.OpenRowGroupReader(group);
        if (groupReader.RowCount != GroupRows[group])
            throw new DataFormatException($"{Path}: the Parquet file changed while it was read (row group {group} has {groupReader.RowCount} rows, had {GroupRows[group]})");
        return groupReader;
    }

    /// <summary>Whether column <paramref name="column"/> is read and holds numbers (or booleans) rather than strings.</summary>
    public bool IsNumeric(int column) => _fields[column] is { } field && ParquetCells.IsNumeric(field.ClrType);

    /// <summary>
    /// Every row of the file, column by column: the numbers (NaN = missing) of the columns <paramref name="asNumbers"/>
    /// marks (numeric ones only), the texts of the other read columns, nulls for the unread; null when a column read
    /// as numbers holds an infinity, which only the text path judges as a CSV would.
    /// </summary>
    public (double[]?[] Numbers, string?[]?[] Texts)? ReadColumns(bool[] asNumbers) => ReadColumns(asNumbers, 0, GroupRows.Length);

    /// <summary>Row group <paramref name="from"/> up to <paramref name="to"/> as <see cref="ReadColumns(bool[])"/> reads the file.</summary>
    public (double[]?[] Numbers, string?[]?[] Texts)? ReadColumns(bool[] asNumbers, int from, int to)
    {
        return Guarded(Path, () =>
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            ParquetReader reader = OpenUnchanged(stream);
            int rows = (int)RowsIn(from, to);
            var numbers = new double[]?[_fields.Length];
            var texts = new string?[]?[_fields.Length];
            var distinct = new Dictionary<string, string>?[_fields.Length];
            for (int c = 0; c < _fields.Length; c++)
            {
                if (_fields[c] is null) continue;
                if (asNumbers[c]) numbers[c] = new double[rows];
                else texts[c] = new string?[rows];
            }
            for (int g = from; g < to; g++)
            {
                ParquetRowGroupReader groupReader = OpenGroup(reader, g);
                int n = GroupRows[g], first = (int)(_firstRow[g] - _firstRow[from]);
                for (int c = 0; c < _fields.Length; c++)
                {
                    if (_fields[c] is not { } field) continue;
                    if (numbers[c] is { } column)
                    {
                        if (!ParquetCells.ReadNumbers(groupReader, field, column.AsSpan(first, n))) return ((double[]?[], string?[]?[])?)null;
                    }
                    else
                    {
                        ParquetCells.Read(groupReader, field, n, distinct[c] ??= new(StringComparer.Ordinal)).CopyTo(texts[c]!, first);
                    }
                }
            }
            return (numbers, texts);
        });
    }

    /// <summary>The magic at both ends and a footer that fits in the file, checked before the decoder reads anything.</summary>
    private static void CheckEnvelope(string path, FileStream stream, long length)
    {
        if (length < 12)
            throw new DataFormatException($"{path}: not a Parquet file: {length} bytes is too short to hold the magic and a footer");
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        stream.ReadExactly(head);
        stream.Seek(-8, SeekOrigin.End);
        stream.ReadExactly(tail);
        stream.Seek(0, SeekOrigin.Begin);
        if (!head.SequenceEqual(Magic) || !tail[4..].SequenceEqual(Magic))
            throw new DataFormatException($"{path}: not a Parquet file (no \"PAR1\" magic at {(head.SequenceEqual(Magic) ? "the end; truncated?" : "the start")})");
        long footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footer <= 0 || footer > length - 12)
            throw new DataFormatException($"{path}: not a readable Parquet file: its footer claims {footer} bytes in a file of {length}");
    }

    private static ParquetTableFile FromFooter(string path, ParquetReader reader, TabularCsvOptions options, long length, bool checkTypes)
    {
        ParquetSchema schema = reader.Schema;
        FileMetaData meta = reader.Metadata ?? throw new DataFormatException($"{path}: not a readable Parquet file: no metadata");
        var header = new string[schema.Fields.Count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            string name = schema.Fields[c].Name;
            if (string.IsNullOrWhiteSpace(name)) throw new CsvFormatException(path, 1, null, "a column name is empty");
            if (!names.Add(name)) throw new CsvFormatException(path, 1, name, "the column name appears twice");
            header[c] = name;
        }
        if (header.Length > options.MaxColumns)
            throw new CsvFormatException(path, 1, null, $"{header.Length} columns, more than the limit of {options.MaxColumns}");
        // Named columns first, with the CSV loader's messages.
        var table = new CsvTable(path, ',', 1, header, [], []);
        if (options.TargetColumn is not null) TabularCsv.Resolve(table, options.TargetColumn, "target");
        if (options.IdColumn is not null) TabularCsv.Resolve(table, options.IdColumn, "id");
        if (options.ColumnKinds is not null)
            foreach (string name in options.ColumnKinds.Keys) TabularCsv.Resolve(table, name, "declared");

        var fields = new DataField?[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            if (options.ColumnKinds is not null && options.ColumnKinds.TryGetValue(header[c], out ColumnKind kind) && kind == ColumnKind.Ignore) continue;
            Field field = schema.Fields[c];
            bool supported = field is DataField { IsArray: false, MaxRepetitionLevel: 0 } d && ParquetCells.IsSupported(d.ClrType);
            if (!checkTypes && !supported) continue;
            if (field is not DataField data || data.IsArray || data.MaxRepetitionLevel > 0)
                throw new CsvFormatException(path, 1, header[c],
                    $"a nested Parquet column ({field.SchemaType}) is not supported; flatten it, or leave it out of the file");
            if (!ParquetCells.IsSupported(data.ClrType))
                throw new CsvFormatException(path, 1, header[c],
                    $"Parquet values of type {data.ClrType.Name} are not supported: only numbers, booleans and strings are; convert the column, or leave it out of the file");
            fields[c] = data;
        }

        int groups = meta.RowGroups.Count;
        var groupRows = new int[groups];
        var firstRow = new long[groups];
        long rows = 0, stored = 0;
        int used = fields.Count(f => f is not null);
        for (int g = 0; g < groups; g++)
        {
            RowGroup group = meta.RowGroups[g];
            long n = group.NumRows;
            // Rows become file lines (int) of the CSV numbering, so the whole file is limited as a CSV is.
            if (n < 0 || rows + n > int.MaxValue - 2)
                throw new DataFormatException($"{path}: not a readable Parquet file: row group {g} claims {n} rows after {rows}");
            ParquetRowGroupReader groupReader = reader.OpenRowGroupReader(g);
            long groupStored = 0;
            foreach (DataField? field in fields)
            {
                if (field is null) continue;
                ColumnMetaData chunk = groupReader.GetMetadata(field)?.MetaData
                    ?? throw new DataFormatException($"{path}: not a readable Parquet file: row group {g} has no data for column '{InputText.Clip(field.Name)}'");
                long start = chunk.DictionaryPageOffset is { } d && d > 0 ? Math.Min(d, chunk.DataPageOffset) : chunk.DataPageOffset;
                if (chunk.NumValues != n || chunk.TotalCompressedSize < 0 || start < 4 || start > length - 8 - chunk.TotalCompressedSize)
                    throw new DataFormatException($"{path}: not a readable Parquet file: row group {g}, column '{InputText.Clip(field.Name)}' claims {chunk.NumValues} values in {chunk.TotalCompressedSize} bytes at offset {start} (the group has {n} rows, the file {length} bytes)");
                groupStored += chunk.TotalCompressedSize;
            }
            if (n * used > FreeValues + MaxValuesPerStoredByte * groupStored)
                throw new DataFormatException($"{path}: not a readable Parquet file: row group {g} claims {n} rows of {used} columns in only {groupStored} bytes (at most {MaxValuesPerStoredByte} values per stored byte are accepted)");
            groupRows[g] = (int)n;
            firstRow[g] = rows;
            rows += n;
            stored += groupStored;
        }
        return new ParquetTableFile(path, header, fields, groupRows, firstRow, stored);
    }

    /// <summary>Runs a read of the untrusted file, turning what the decoder throws into one line naming the file.</summary>
    private static T Guarded<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DendriteException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read the Parquet file: {InputText.Clip(e.Message, 200)}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
        {
            // The decoder meets corrupt bytes with whatever exception its code hits (format, range, overflow, argument).
            throw new DataFormatException($"{path}: not a readable Parquet file ({e.GetType().Name}): {InputText.Clip(e.Message, 200)}", e);
        }
    }
}
