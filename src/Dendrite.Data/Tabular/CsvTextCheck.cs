using System.Buffers;
using System.Text;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Decides from the first bytes of a file whether it can be a text CSV at all, so that a gzip archive, an image or
/// /dev/zero given as a CSV is reported as such instead of as garbage column names or a record that never ends.
/// </summary>
internal static class CsvTextCheck
{
    /// <summary>How many bytes are examined.</summary>
    public const int SampleLength = 1024;

    private static readonly (byte[] Magic, string What)[] KnownFormats =
    [
        ([0x1F, 0x8B], "gzip-compressed data; decompress it first"),
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive (or an .xlsx workbook); extract or export it as CSV first"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data; decompress it first"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data; decompress it first"),
        ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
    ];

    /// <summary>
    /// Whether the sample starts with a UTF-16 or UTF-32 byte order mark: such text is full of zero bytes, which are
    /// then not a sign of binary data (the CSV reader transcodes it).
    /// </summary>
    public static bool IsWideText(ReadOnlySpan<byte> sample) =>
        sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || sample.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    /// <summary>
    /// Throws a <see cref="CsvFormatException"/> naming the first byte that no text CSV has: a known binary format's
    /// signature, a NUL or other control character (tab, line breaks, form feed and vertical tab are text), or a byte
    /// that is not valid UTF-8. <paramref name="complete"/> says the sample is the whole file (so a UTF-8 sequence
    /// cut at its end is invalid rather than continued).
    /// </summary>
    public static void Check(string path, ReadOnlySpan<byte> sample, bool complete)
    {
        if (IsWideText(sample)) return;
        foreach ((byte[] magic, string what) in KnownFormats)
            if (sample.StartsWith(magic))
                throw new CsvFormatException(path, 0, null, $"not a text CSV: the file starts like {what}");

        int start = sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        for (int i = start; i < sample.Length;)
        {
            byte b = sample[i];
            if (b < 0x80)
            {
                if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C))
                    throw Binary(path, sample, i, b == 0 ? "a NUL byte" : $"control character 0x{b:X2}");
                i++;
                continue;
            }
            OperationStatus status = Rune.DecodeFromUtf8(sample[i..], out _, out int consumed);
            if (status == OperationStatus.NeedMoreData && !complete) break; // a character cut by the sample's end
            if (status != OperationStatus.Done)
                throw new CsvFormatException(path, LineAt(sample, i), null,
                    $"not a text CSV: byte 0x{b:X2} at offset {i} is not UTF-8 (binary data, or text in another encoding: save it as UTF-8)");
            i += consumed;
        }
    }

    /// <summary>The error for a byte that text does not contain, at <paramref name="offset"/> of the file.</summary>
    public static CsvFormatException Binary(string path, ReadOnlySpan<byte> before, long offset, string what) =>
        new(path, LineAt(before, (int)Math.Min(offset, before.Length)), null,
            $"not a text CSV: {what} at byte offset {offset} (binary data, or a text file padded with zeros)");

    private static int LineAt(ReadOnlySpan<byte> sample, int offset) => sample[..offset].Count((byte)'\n') + 1;
}
