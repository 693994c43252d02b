using System.Buffers.Binary;
using System.IO.Compression;

namespace Dendrite.Plots.Png;

/// <summary>
/// Writes 8-bit greyscale PNGs (colour type 0): signature, IHDR, one zlib-compressed IDAT, IEND.
/// Each scanline uses filter 0 (None); for 28×28 thumbnails the gain from adaptive filtering is a few bytes.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes row-major greyscale pixels (0 = black, 255 = white), length = width·height.</summary>
    public static byte[] EncodeGray(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"PNG size must be positive, got {width}×{height}.");
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"Expected {width}×{height} = {(long)width * height} pixels, got {pixels.Length}.", nameof(pixels));

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 0;  // colour type: greyscale
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0
        ihdr[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, ihdr);

        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter type None
                z.Write(pixels.Slice(y * width, width));
            }
        }
        WriteChunk(png, "IDAT"u8, raw.GetBuffer().AsSpan(0, (int)raw.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>Encodes intensities in [0, 1] (clamped; NaN → 0) as 8-bit greyscale, rounding v·255.</summary>
    public static byte[] EncodeGray(ReadOnlySpan<float> pixels, int width, int height) =>
        EncodeGray(ToBytes(pixels), width, height);

    /// <summary>"data:image/png;base64,…" for embedding in an SVG &lt;image&gt;.</summary>
    public static string ToDataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    internal static byte[] ToBytes(ReadOnlySpan<float> pixels)
    {
        var bytes = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            float v = pixels[i];
            bytes[i] = float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
        }
        return bytes;
    }

    // Chunk = length (big-endian, data only) ++ type ++ data ++ CRC-32(type ++ data).
    private static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> u32 = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(u32, data.Length);
        s.Write(u32);
        s.Write(type);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(u32, Crc32.Append(Crc32.Compute(type), data));
        s.Write(u32);
    }
}
