namespace Dendrite.Data.Tabular;

/// <summary>
/// The fields of a run of records, copied out of the CSV reader (which reuses its buffer on the next record) as the
/// UTF-8 bytes it decoded (unquoted, trimmed), with each record's file line: one chunk of a file tokenized on one
/// thread and consumed, in file order, on another.
/// </summary>
/// <param name="columns">Fields per record.</param>
/// <param name="bytes">The field bytes expected (the chunk's length holds them all), so the buffer is not regrown.</param>
/// <param name="records">The records expected.</param>
internal sealed class FieldBatch(int columns, long bytes, int records)
{
    private byte[] _bytes = new byte[Math.Clamp(bytes, 1 << 10, Array.MaxLength)];
    private int[] _lines = new int[Math.Clamp(records, 1, Array.MaxLength / Math.Max(1, columns))];
    private int[] _ends = new int[Math.Max(1, columns) * Math.Clamp(records, 1, Array.MaxLength / Math.Max(1, columns))];
    private int _used;

    /// <summary>Fields per record.</summary>
    public int Columns { get; } = columns;

    /// <summary>Records held.</summary>
    public int Count { get; private set; }

    /// <summary>File line of record <paramref name="row"/>.</summary>
    public int Line(int row) => _lines[row];

    /// <summary>Adds a record of <see cref="Columns"/> fields, taken from <paramref name="record"/>, on file line <paramref name="line"/>.</summary>
    public void Add<TFields>(TFields record, int line) where TFields : IRecordFields
    {
        if (Count == _lines.Length)
        {
            Array.Resize(ref _lines, Count * 2);
            Array.Resize(ref _ends, _lines.Length * Columns);
        }
        _lines[Count] = line;
        int k = Count * Columns;
        for (int c = 0; c < Columns; c++)
        {
            ReadOnlySpan<byte> field = record.Field(c);
            if (_used + field.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + field.Length));
            field.CopyTo(_bytes.AsSpan(_used));
            _used += field.Length;
            _ends[k + c] = _used;
        }
        Count++;
    }

    /// <summary>Field <paramref name="column"/> of record <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Field(int row, int column)
    {
        int k = row * Columns + column;
        int start = k == 0 ? 0 : _ends[k - 1];
        return _bytes.AsSpan(start, _ends[k] - start);
    }

    /// <summary>Empties the batch for reuse (its buffers are kept).</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
