using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Reads a CSV file straight into typed columns, which is what <see cref="TabularCsv.Load"/> does: a number is parsed
/// from the field's UTF-8 bytes into a double without becoming a string, and a text value becomes one shared string
/// per distinct value of its column. Neither the file's text nor a string per cell is ever held, so memory is about
/// 8 bytes per numeric cell and per categorical cell plus the distinct values.
/// </summary>
/// <remarks>
/// A column's kind is only known at the end, so a column keeps its numbers until its first text value, and its texts
/// while it has few distinct values. A column that turns out categorical after many distinct numbers (rare: a mostly
/// text column whose first rows are numbers) has its texts read again in a second pass. Decisions and errors are those
/// of <see cref="TabularCsv.Build"/> (the same <see cref="ColumnKindTally"/> and <see cref="TargetBuilder"/>), raised in
/// the same order once the file has been read.
/// </remarks>
internal sealed partial class TypedTableReader : CsvRecordSink
{
    /// <summary>A numeric-so-far column keeps its texts while it has at most this many distinct values.</summary>
    private const int MaxKeptDistinct = 256;

    private readonly string _path;
    private readonly TabularCsvOptions _options;
    private readonly HashSet<string> _missing;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _missingLookup;
    private readonly int _longestMarker;
    private readonly bool[] _markerStart = new bool[128];
    private readonly GrowableArray<int> _lines;
    private readonly int _expectedRows;
    private readonly List<int> _skipped = [];
    private int[] _kept = [];
    private string[] _header = [];
    private int _target = -1, _id = -1, _headerLine;
    private CsvFormatException? _columnError;
    private int _firstMissingTarget;
    private Column[] _columns = [];
    private Column? _targetColumn, _idColumn;
    private TargetTally? _targetTally;

    private TypedTableReader(string path, TabularCsvOptions options, int expectedRows)
    {
        _path = path;
        _expectedRows = expectedRows;
        _lines = new GrowableArray<int>(expectedRows);
        _options = options;
        _missing = new HashSet<string>(options.MissingValues, StringComparer.OrdinalIgnoreCase);
        _missingLookup = _missing.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestMarker = _missing.Count == 0 ? 0 : _missing.Max(m => m.Length);
        // The first bytes a marker can start with, so most numbers skip the lookup ("0" could be "?", "NA" or "nan").
        // A marker with non-ASCII text could match ASCII ignoring case ('ı' is 'I'): then every byte may start one.
        bool ascii = _missing.All(m => Ascii.IsValid(m));
        foreach (string marker in _missing)
        {
            if (marker.Length == 0) continue;
            _markerStart[char.ToUpperInvariant(marker[0]) & 0x7F] = true;
            _markerStart[char.ToLowerInvariant(marker[0]) & 0x7F] = true;
        }
        if (!ascii) Array.Fill(_markerStart, true);
    }

    /// <summary>Loads <paramref name="path"/> as <see cref="TabularCsv.Load"/> documents.</summary>
    public static TabularFrame Load(string path, TabularCsvOptions options) => Load(path, options, ParallelChunkBytes);

    /// <summary>The same, with the files of at least two chunks of <paramref name="chunkBytes"/> tokenized in parallel.</summary>
    internal static TabularFrame Load(string path, TabularCsvOptions options, long chunkBytes)
    {
        if (TryLoadInChunks(path, options, chunkBytes) is { } frame) return frame;
        var reader = new TypedTableReader(path, options, ExpectedRows(path, options));
        (string[] header, int headerLine, char separator) = CsvTableReader.Read(path, options, 0, long.MaxValue, 1, segment: false, reader);
        return reader.Finish(header, headerLine, separator);
    }

    /// <summary>
    /// The line breaks in the file, less one for the header: the row count of an ordinary file (quoted line breaks
    /// and blank lines only make it larger), so column buffers are sized once. A fast scan of bytes the parse then
    /// reads from the page cache.
    /// </summary>
    private static int ExpectedRows(string path, TabularCsvOptions options)
    {
        const int Unknown = 1024;
        try
        {
            // Only the length a regular file reports is scanned: a device (/dev/zero), a pipe or an empty file says 0.
            long length = new FileInfo(path).Length;
            if (length == 0) return Unknown;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            long lines = 0, read = 0;
            int got;
            while (read < length && (got = file.Read(buffer, 0, (int)Math.Min(buffer.Length, length - read))) > 0)
            {
                lines += buffer.AsSpan(0, got).Count((byte)'\n');
                read += got;
            }
            ArrayPool<byte>.Shared.Return(buffer);
            return ExpectedRows(lines, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unknown; // the parse reports the problem
        }
    }

    /// <summary>
    /// The rows <paramref name="lineBreaks"/> line breaks make: one per line less the header and the skipped lines (a
    /// column buffer of exactly the row count is handed over without a copy).
    /// </summary>
    private static int ExpectedRows(long lineBreaks, TabularCsvOptions options) =>
        (int)Math.Clamp(lineBreaks - (options.ColumnNames is null ? 1 : 0) - options.SkipLines, 1, 1 << 28);

    public override void Header(string[] header, int line)
    {
        _header = header;
        _headerLine = line;
        try
        {
            _target = _options.TargetColumn is null ? -1 : Resolve(_options.TargetColumn, "target");
            _id = _options.IdColumn is null ? -1 : Resolve(_options.IdColumn, "id");
            // Before the declared columns, as TabularCsv.Build checks them.
            if (_target >= 0 && _target == _id)
                throw new CsvFormatException(_path, line, header[_target], "the same column cannot be both the target and the id column");
            if (_options.ColumnKinds is not null)
                foreach (string name in _options.ColumnKinds.Keys) Resolve(name, "declared");
        }
        catch (CsvFormatException e)
        {
            // Raised after the whole file has been read and checked, as loading a table of strings does.
            _columnError = e;
            return;
        }
        var columns = new List<Column>();
        for (int c = 0; c < header.Length; c++)
        {
            if (c == _target || c == _id) continue;
            ColumnKind? declared = _options.ColumnKinds is not null && _options.ColumnKinds.TryGetValue(header[c], out ColumnKind kind) ? kind : null;
            if (declared == ColumnKind.Ignore) continue;
            columns.Add(new Column(c, declared, keepNumbers: declared != ColumnKind.Categorical, _expectedRows));
        }
        _columns = [.. columns];
        if (_target >= 0)
        {
            // Numbers without a string per row (a regression target has as many distinct values as rows), texts while
            // few; the task is decided at the end from the tally of every value.
            _targetColumn = new Column(_target, null, keepNumbers: true, _expectedRows);
            _targetTally = new TargetTally(_options);
        }
        if (_id >= 0) _idColumn = new Column(_id, ColumnKind.Categorical, keepNumbers: false, _expectedRows);
    }

    public override void Record(CsvReader reader, int line) => Record(new ReaderFields(reader), line);

    /// <summary>One data record, from the reader (a batch of them: <see cref="Record(FieldBatch)"/>).</summary>
    private void Record<TFields>(TFields fields, int line) where TFields : IRecordFields
    {
        if (_columnError is not null) return;
        if (_targetColumn is not null && !AddField(_targetColumn, fields.Field(_target), line, _targetTally))
        {
            if (_firstMissingTarget == 0) _firstMissingTarget = line;
            _skipped.Add(line);
            return;
        }
        _lines.Add(line);
        if (_idColumn is not null) _idColumn.AddText(Text(fields.Field(_id), _idColumn), line);
        foreach (Column column in _columns) AddField(column, fields.Field(column.Index), line);
    }

    /// <summary>
    /// The records of a batch, as <see cref="Record(CsvReader, int)"/> takes them one by one: the target, line and id
    /// of each record first, then each feature column its fields in file order (a column's state is its own, so the
    /// result is that of the sequential read).
    /// </summary>
    private void Record(FieldBatch batch)
    {
        if (_columnError is not null) return;
        if (_kept.Length < batch.Count) _kept = new int[batch.Count];
        int kept = 0;
        for (int r = 0; r < batch.Count; r++)
        {
            int line = batch.Line(r);
            if (_targetColumn is not null && !AddField(_targetColumn, batch.Field(r, _target), line, _targetTally))
            {
                if (_firstMissingTarget == 0) _firstMissingTarget = line;
                _skipped.Add(line);
                continue;
            }
            _lines.Add(line);
            if (_idColumn is not null) _idColumn.AddText(Text(batch.Field(r, _id), _idColumn), line);
            _kept[kept++] = r;
        }
        // Column by column: each column's state stays in cache for the whole batch. (Columns on several cores measured
        // slower: the chunks being tokenized already keep the other core busy.)
        foreach (Column column in _columns)
            for (int i = 0; i < kept; i++) AddField(column, batch.Field(_kept[i], column.Index), batch.Line(_kept[i]));
    }

    /// <summary>
    /// One field of a column: a number, missing, or text (the rules of the string path, for any field). With the
    /// target's <paramref name="tally"/>, the value is counted there too, and a missing one is not added (the row is
    /// skipped). A number becomes neither a string nor a text of the column. False when the field is missing.
    /// </summary>
    private bool AddField(Column column, ReadOnlySpan<byte> raw, int line, TargetTally? tally = null)
    {
        string? text;
        if (column.KeepsNumbers)
        {
            ReadOnlySpan<byte> field = Trimmed(raw);
            if (IsMissing(field)) return Missing(column, tally);
            if (DecimalCode.TryEncode(field, out uint code))
            {
                tally?.AddNumber(DecimalCode.Decode(code), field, line);
                column.AddNumber(code, field);
                return true;
            }
            if (TryParse(field, out double value))
            {
                tally?.AddNumber(value, field, line);
                column.AddNumber(value, field);
                return true;
            }
            // Text, or a field with non-ASCII bytes, whose trimming and parsing the string path decides.
            text = Text(raw, column);
            if (text is null) return Missing(column, tally);
            if (NumberText.TryParse(text, out value) && Ascii.IsValid(text))
            {
                byte[] bytes = Encoding.ASCII.GetBytes(text);
                tally?.AddNumber(value, bytes, line);
                column.AddNumber(value, bytes);
                return true;
            }
        }
        else
        {
            text = Text(raw, column);
            if (text is null) return Missing(column, tally);
        }
        tally?.Add(text, line);
        column.AddText(text, line);
        return true;
    }

    /// <summary>A missing field: a feature column records it, the target's row is skipped by the caller.</summary>
    private static bool Missing(Column column, TargetTally? tally)
    {
        if (tally is null) column.AddMissing();
        return false;
    }

    /// <summary>Whether a trimmed field is missing: empty, or one of the options' markers.</summary>
    private bool IsMissing(ReadOnlySpan<byte> field) =>
        field.IsEmpty || (field.Length <= _longestMarker && (field[0] >= 0x80 || _markerStart[field[0]]) && IsMarker(field));

    /// <summary>A number the fast path or <c>double.TryParse</c> reads from ASCII bytes (finite only).</summary>
    private static bool TryParse(ReadOnlySpan<byte> field, out double value) =>
        DecimalFastPath.TryParse(field, out value)
        || (Ascii.IsValid(field) && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

    /// <summary>
    /// The frame of the records read, with the errors of <see cref="TabularCsv.Build"/> in its order;
    /// <paramref name="allowNoRows"/> as there (a streamed chunk whose every target is missing is empty, not an error).
    /// </summary>
    private TabularFrame Finish(string[] header, int headerLine, char separator, bool allowNoRows = false)
    {
        if (_columnError is not null) throw _columnError;
        if (_target >= 0 && _target == _id)
            throw new CsvFormatException(_path, headerLine, header[_target], "the same column cannot be both the target and the id column");
        if (_firstMissingTarget > 0 && !_options.SkipRowsWithMissingTarget)
            throw TabularCsv.MissingTarget(_path, _firstMissingTarget, header[_target]);
        int rows = _lines.Count;
        if (rows == 0 && _target >= 0 && !allowNoRows)
            throw new CsvFormatException(_path, headerLine, header[_target], $"the target is missing on every one of the {_skipped.Count} rows");
        int[] lines = _lines.ToArray();

        Column[] lost = [.. _columns.Where(c => !c.KeepsNumbers && c.TextsLost)];
        TaskKind task = default;
        double[]? numericClasses = null;
        if (_targetColumn is not null)
        {
            task = _targetTally!.Decide(_path, header[_target], out numericClasses);
            // Text classes need every row's text: read again when they were let go (many numbers before the first text).
            if (task == TaskKind.Classification && numericClasses is null && _targetColumn.TextsLost) lost = [.. lost, _targetColumn];
        }
        if (lost.Length > 0) ReadTextsAgain(lost);

        TabularTarget? target = null;
        if (_targetColumn is not null)
        {
            // Never missing (those rows were skipped); numbers are read from their codes, texts through their numbers.
            string name = header[_target];
            TabularColumn values = task == TaskKind.Regression || numericClasses is not null
                ? _targetColumn.NumbersOnly(name, rows)
                : _targetColumn.TextColumn(name, rows);
            target = TargetBuilder.FromTally(name, task, numericClasses, rows, values.NumberAt, r => values.TextAt(r)!);
        }

        var columns = new List<TabularColumn>();
        foreach (Column column in _columns)
        {
            string name = header[column.Index];
            ColumnKind kind = column.Tally.Decide(_path, name, column.Declared, _options.MostlyNumericFraction);
            columns.Add(kind == ColumnKind.Numeric
                ? column.NumberColumn(name, rows)
                : column.TextColumn(name, rows));
        }
        if (columns.Count == 0)
            throw new CsvFormatException(_path, headerLine, null,
                $"no feature columns: the file has only {InputText.List(header)}, none of which is a feature");
        string?[]? ids = _idColumn?.Texts(rows);
        return new TabularFrame(_path, separator, columns, target, ids, _id >= 0 ? header[_id] : null, lines, [.. _skipped]);
    }

    /// <summary>The second pass for columns that turned categorical after their texts were let go.</summary>
    private void ReadTextsAgain(Column[] lost)
    {
        if (_batch is not null)
        {
            TextsAgainFrom(_batch, lost); // one chunk of a streamed file: its records are still at hand
            return;
        }
        var again = new TextsAgain(this, lost);
        CsvTableReader.Read(_path, _options, 0, long.MaxValue, 1, segment: false, again);
    }

    /// <summary>The trimmed field as a string; null when it is missing (empty or a marker).</summary>
    private string? Text(CsvReader reader, int index)
    {
        string text = (reader.GetString(index) ?? "").Trim();
        return TabularCsv.IsMissing(text, _missing) ? null : text;
    }

    /// <summary>
    /// The trimmed field as a string (as the reader's GetString gives it, trimmed), null when it is missing; a value
    /// the column has seen before comes back as the same string, without decoding it into a new one.
    /// </summary>
    private string? Text(ReadOnlySpan<byte> utf8, Column column)
    {
        if (utf8.Length > 128 || !Ascii.IsValid(utf8))
        {
            string text = Encoding.UTF8.GetString(utf8).Trim();
            return TabularCsv.IsMissing(text, _missing) ? null : text;
        }
        Span<char> chars = stackalloc char[utf8.Length];
        Ascii.ToUtf16(utf8, chars, out int n);
        ReadOnlySpan<char> trimmed = chars[..n].Trim();
        if (trimmed.IsEmpty || _missingLookup.Contains(trimmed)) return null;
        return column.Intern(trimmed);
    }

    private bool IsMarker(ReadOnlySpan<byte> field)
    {
        Span<char> chars = stackalloc char[field.Length];
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] >= 0x80) return false; // markers of non-ASCII text take the string path
            chars[i] = (char)field[i];
        }
        return _missingLookup.Contains(chars);
    }

    /// <summary>The field without the whitespace string.Trim removes, for ASCII (other bytes are left for the string path).</summary>
    private static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> field)
    {
        int start = 0, end = field.Length;
        while (start < end && IsSpace(field[start])) start++;
        while (end > start && IsSpace(field[end - 1])) end--;
        return field[start..end];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    private int Resolve(string name, string role)
    {
        int index = Array.IndexOf(_header, name);
        if (index >= 0) return index;
        throw new CsvFormatException(_path, _headerLine, name, $"no such {role} column; available columns: {InputText.List(_header)}");
    }

    /// <summary>The values of one column as they arrive: numbers (until the first text), texts (while few, or once text).</summary>
    private sealed class Column(int index, ColumnKind? declared, bool keepNumbers, int expectedRows)
    {
        private readonly char[] _chars = new char[256];
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

        /// <summary>The string of <paramref name="text"/>, shared with its earlier occurrences while the column has few distinct texts.</summary>
        public string Intern(ReadOnlySpan<char> text)
        {
            var lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out string? seen)) return seen;
            string made = text.ToString();
            if (_seen.Count < 4096) _seen.Add(made, made);
            return made;
        }
        private NumberColumnBuilder? _numbers = keepNumbers ? new(expectedRows) : null;
        // A column that may be numeric keeps texts only while they are few, so their buffer starts small.
        private TextColumnBuilder? _texts = new(keepNumbers ? Math.Min(4096, expectedRows) : expectedRows, expectedRows);

        public int Index { get; } = index;

        public ColumnKind? Declared { get; } = declared;

        public ColumnKindTally Tally { get; } = new();

        /// <summary>Whether values may still be numbers (no text seen, not declared categorical).</summary>
        public bool KeepsNumbers => _numbers is not null;

        /// <summary>The texts were let go (too many distinct numbers) and are needed after all.</summary>
        public bool TextsLost => _texts is null;

        public void AddMissing()
        {
            _numbers?.AddMissing();
            _texts?.Add(null);
        }

        /// <summary>A plain decimal, as its <see cref="DecimalCode"/>.</summary>
        public void AddNumber(uint code, ReadOnlySpan<byte> utf8)
        {
            _numbers!.Add(code);
            CountNumber(utf8);
        }

        /// <summary>A number without a code (an exponent, many digits, or parsed from text).</summary>
        public void AddNumber(double value, ReadOnlySpan<byte> utf8)
        {
            _numbers!.Add(value);
            CountNumber(utf8);
        }

        private void CountNumber(ReadOnlySpan<byte> utf8)
        {
            char[] chars = _chars;
            Tally.CountNumber();
            if (_texts is null) return;
            if (_texts.Distinct is not { Count: < MaxKeptDistinct } || utf8.Length > chars.Length)
            {
                _texts = null; // many distinct numbers: the texts would cost memory per cell (and their buffer goes)
                return;
            }
            int n = Encoding.ASCII.GetChars(utf8, chars);
            _texts.Add(chars.AsSpan(0, n));
        }

        public void AddText(string? text, int line)
        {
            if (text is null)
            {
                AddMissing();
                return;
            }
            if (Declared != ColumnKind.Categorical)
            {
                if (NumberText.TryParse(text, out _)) Tally.CountNumber();
                else
                {
                    Tally.CountText(text, line);
                    // Once there is text the column is categorical (or an error): its numbers are of no further use.
                    _numbers = null;
                }
            }
            _texts?.Add(text); // null: read again in a second pass
        }

        /// <summary>
        /// The column as numbers, with its texts only when one of them is not what its number reads back as ("1.50",
        /// "007"): otherwise <see cref="TabularColumn.Values"/> gives the same strings without 8 bytes a row.
        /// </summary>
        public TabularColumn NumberColumn(string name, int rows)
        {
            if (_numbers is not { } n || n.Count != rows) throw new InvalidOperationException("numbers were not kept");
            bool canonical = _texts?.Distinct is { } distinct
                && distinct.All(t => NumberText.TryParse(t, out double x) && NumberText.Format(x) == t);
            return n.Build(name, canonical ? null : Texts(rows));
        }

        /// <summary>The column's numbers as doubles (NaN = missing).</summary>
        public double[] Numbers(int rows) => NumbersOnly("", rows).Numbers!;

        /// <summary>The column's numbers, without its texts.</summary>
        public TabularColumn NumbersOnly(string name, int rows) =>
            _numbers is { } n && n.Count == rows ? n.Build(name, null) : throw new InvalidOperationException("numbers were not kept");

        /// <summary>The column as categorical: its texts, numbered while they are few.</summary>
        public TabularColumn TextColumn(string name, int rows) =>
            _texts is { } t && t.Count == rows ? t.Build(name) : throw new InvalidOperationException("texts were not kept");

        public string?[]? Texts(int rows) => _texts is { } t && t.Count == rows ? t.Texts() : null;

        /// <summary>Starts over collecting texts (the second pass).</summary>
        public void CollectAgain(int rows)
        {
            _texts = new TextColumnBuilder(rows, rows);
        }

        /// <summary>A text of the second pass.</summary>
        public void AddAgain(string? text)
        {
            _texts!.Add(text);
        }
    }

    /// <summary>Collects the texts of the given columns for the rows the first pass kept.</summary>
    private sealed class TextsAgain : CsvRecordSink
    {
        private readonly TypedTableReader _owner;
        private readonly Column[] _columns;

        public TextsAgain(TypedTableReader owner, Column[] columns)
        {
            _owner = owner;
            _columns = columns;
            foreach (Column column in columns) column.CollectAgain(owner._lines.Count);
        }

        public override void Header(string[] header, int line) { }

        public override void Record(CsvReader reader, int line)
        {
            if (_owner._target >= 0 && _owner.Text(reader, _owner._target) is null) return;
            foreach (Column column in _columns) column.AddAgain(_owner.Text(reader, column.Index));
        }
    }
}
