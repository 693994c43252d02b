namespace Dendrite.Data.Tabular;

/// <summary>
/// The bytes of a CSV file as the CSV reader sees them: the sample already read by <see cref="CsvTextCheck"/>, then
/// the rest of the file, refusing the first NUL byte anywhere (a file padded with zeros, or binary data after a
/// textual start) with its line. Counting line breaks as the bytes pass costs a vectorized scan per buffer.
/// </summary>
internal sealed class CsvInputStream : Stream
{
    private readonly Stream _inner;
    private readonly string _path;
    private readonly byte[] _prefix;
    private readonly bool _checkNul;
    private int _prefixRead;
    private long _position;
    private long _lineBreaks;
    private long _remaining;

    /// <param name="inner">The file, positioned just after <paramref name="prefix"/>.</param>
    /// <param name="path">For error messages.</param>
    /// <param name="prefix">The bytes already read from the start of the file.</param>
    /// <param name="checkNul">False for UTF-16/32 text, where zero bytes are part of the characters.</param>
    /// <param name="length">How many bytes to deliver in all (prefix included): a segment of the file for streaming.</param>
    /// <param name="firstLine">The file line the first byte is on, so a NUL is reported at its line in the file.</param>
    /// <param name="offset">The file offset of the first byte, so a NUL is reported at its offset in the file.</param>
    public CsvInputStream(Stream inner, string path, byte[] prefix, bool checkNul, long length = long.MaxValue, long firstLine = 1, long offset = 0)
    {
        _position = offset;
        _remaining = length;
        _lineBreaks = firstLine - 1;
        _inner = inner;
        _path = path;
        _prefix = prefix;
        _checkNul = checkNul;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0) return 0;
        if (buffer.Length > _remaining) buffer = buffer[..(int)_remaining];
        int n;
        if (_prefixRead < _prefix.Length)
        {
            n = Math.Min(buffer.Length, _prefix.Length - _prefixRead);
            _prefix.AsSpan(_prefixRead, n).CopyTo(buffer);
            _prefixRead += n;
        }
        else
        {
            n = _inner.Read(buffer);
        }
        Span<byte> got = buffer[..n];
        if (_checkNul)
        {
            int nul = got.IndexOf((byte)0);
            if (nul >= 0)
            {
                long line = _lineBreaks + got[..nul].Count((byte)'\n') + 1;
                throw new CsvFormatException(_path, line > int.MaxValue ? 0 : (int)line, null,
                    $"not a text CSV: a NUL byte at byte offset {_position + nul} (binary data, or a text file padded with zeros)");
            }
        }
        _lineBreaks += got.Count((byte)'\n');
        _position += n;
        _remaining -= n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
