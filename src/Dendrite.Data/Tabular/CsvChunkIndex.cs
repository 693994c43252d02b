namespace Dendrite.Data.Tabular;

/// <summary>
/// Where a CSV file can be cut into chunks of whole records, so that each chunk can be parsed on its own and the chunks
/// visited in any order: the byte offset and file line of each chunk's first record. Chunk 0 starts at the beginning
/// of the file (it holds the header); each later one starts after the first line break at or past a multiple of the
/// chunk size that lies outside quotes.
/// </summary>
/// <remarks>
/// Quote parity decides "outside quotes": in RFC 4180 text a field's opening and closing quotes and every doubled
/// quote inside come in pairs, so a line break after an even number of quotes ends a record. A file whose quoting is
/// malformed is refused by the parser of the chunk the fault lands in, with its line. UTF-16 and UTF-32 text (zero
/// bytes inside characters) cannot be cut this way and is refused with a hint.
/// </remarks>
internal sealed class CsvChunkIndex
{
    private CsvChunkIndex(long[] offsets, int[] lines, long length, long lineBreaks)
    {
        Offsets = offsets;
        Lines = lines;
        Length = length;
        LineBreaks = lineBreaks;
    }

    /// <summary>The '\n' bytes in the file (inside quotes too).</summary>
    public long LineBreaks { get; }

    /// <summary>Byte offset of each chunk's first record; the first is 0.</summary>
    public long[] Offsets { get; }

    /// <summary>1-based file line of each chunk's first record.</summary>
    public int[] Lines { get; }

    /// <summary>The file's length in bytes when it was indexed.</summary>
    public long Length { get; }

    /// <summary>Number of chunks.</summary>
    public int Count => Offsets.Length;

    /// <summary>Bytes of chunk <paramref name="chunk"/>.</summary>
    public long ChunkLength(int chunk) => (chunk + 1 < Offsets.Length ? Offsets[chunk + 1] : Length) - Offsets[chunk];

    /// <summary>
    /// About how many records chunk <paramref name="chunk"/> holds, to size its buffers once: its share of the file's
    /// line breaks, an eighth more for lines shorter than the average.
    /// </summary>
    public int ExpectedRecords(int chunk)
    {
        long share = ChunkLength(chunk) * Math.Max(1, LineBreaks) / Math.Max(1, Length);
        return (int)Math.Min(int.MaxValue / 2, share + share / 8 + 16);
    }

    /// <summary>Scans <paramref name="path"/> once (a vectorized search for quotes and line breaks).</summary>
    public static CsvChunkIndex Build(string path, long chunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var offsets = new List<long> { 0 };
        var lines = new List<int> { 1 };
        var buffer = new byte[1 << 20];
        long position = 0, next = chunkBytes, line = 1;
        bool quoted = false, first = true;
        int got;
        while ((got = file.Read(buffer)) > 0)
        {
            ReadOnlySpan<byte> span = buffer.AsSpan(0, got);
            if (first)
            {
                if (CsvTextCheck.IsWideText(span))
                    throw new CsvFormatException(path, 0, null, "UTF-16 or UTF-32 text cannot be streamed in chunks; save the file as UTF-8");
                first = false;
            }
            int at = 0;
            while (at < span.Length)
            {
                int hit = span[at..].IndexOfAny((byte)'"', (byte)'\n');
                if (hit < 0) break;
                at += hit;
                if (span[at] == (byte)'"') quoted = !quoted;
                else
                {
                    line++;
                    long start = position + at + 1;
                    if (!quoted && start >= next)
                    {
                        if (line > int.MaxValue) throw new CsvFormatException(path, 0, null, $"more than {int.MaxValue} lines; split the file");
                        offsets.Add(start);
                        lines.Add((int)line);
                        next = start + chunkBytes;
                    }
                }
                at++;
            }
            position += got;
        }
        // A cut at the very end would leave an empty last chunk.
        if (offsets.Count > 1 && offsets[^1] >= position)
        {
            offsets.RemoveAt(offsets.Count - 1);
            lines.RemoveAt(lines.Count - 1);
        }
        return new CsvChunkIndex([.. offsets], [.. lines], position, line - 1);
    }
}
