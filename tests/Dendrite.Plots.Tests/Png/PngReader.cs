using System.Buffers.Binary;
using System.IO.Compression;
using Dendrite.Plots.Png;

namespace Dendrite.Plots.Tests.Png;

/// <summary>A decoded 8-bit PNG: row-major pixels with <see cref="Channels"/> bytes each (1 = grey, 3 = RGB, 4 = RGBA).</summary>
public sealed record DecodedPng(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>(r, g, b) of pixel (x, y); grey images repeat the one channel.</summary>
    public (byte R, byte G, byte B) Rgb(int x, int y)
    {
        int i = (y * Width + x) * Channels;
        return Channels >= 3 ? (Pixels[i], Pixels[i + 1], Pixels[i + 2]) : (Pixels[i], Pixels[i], Pixels[i]);
    }
}

/// <summary>
/// Test-side PNG decoder (System.Drawing is not available on Linux): checks the signature and every chunk CRC,
/// inflates the IDAT stream and undoes the five scanline filters. 8-bit, non-interlaced images only, which is
/// what our encoder and Chromium's screenshots produce.
/// </summary>
public static class PngReader
{
    public static DecodedPng Decode(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("Not a PNG: bad signature.");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        int pos = 8;
        bool sawEnd = false;
        while (pos < png.Length && !sawEnd)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var body = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            if (Crc32.Compute(png.AsSpan(pos + 4, 4 + length)) != crc) throw new InvalidDataException($"Bad CRC in chunk {type}.");
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    if (body[8] != 8 || body[12] != 0) throw new InvalidDataException("Only 8-bit non-interlaced PNGs are supported.");
                    channels = body[9] switch
                    {
                        0 => 1,
                        2 => 3,
                        4 => 2,
                        6 => 4,
                        _ => throw new InvalidDataException($"Unsupported colour type {body[9]}."),
                    };
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            pos += 12 + length;
        }
        if (!sawEnd || channels == 0) throw new InvalidDataException("PNG is missing IHDR or IEND.");

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] data = raw.ToArray();
        int stride = width * channels;
        if (data.Length != height * (stride + 1)) throw new InvalidDataException($"IDAT inflates to {data.Length} bytes, expected {height * (stride + 1)}.");

        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = data[y * (stride + 1)];
            var src = data.AsSpan(y * (stride + 1) + 1, stride);
            var dst = pixels.AsSpan(y * stride, stride);
            var prev = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? dst[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Bad filter type {filter} on row {y}."),
                };
                dst[i] = (byte)(src[i] + predictor);
            }
        }
        return new DecodedPng(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
