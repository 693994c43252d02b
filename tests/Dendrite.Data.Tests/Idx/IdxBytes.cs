using System.Buffers.Binary;
using System.IO.Compression;

namespace Dendrite.Data.Tests.Idx;

/// <summary>Builds tiny IDX files in memory for tests.</summary>
internal static class IdxBytes
{
    /// <summary>Magic 00 00 type rank, big-endian dimensions, then <paramref name="data"/>.</summary>
    public static byte[] Build(int[] dims, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(raw);
        return memory.ToArray();
    }

    /// <summary>0, 1, 2, … (mod 256).</summary>
    public static byte[] Ramp(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++) data[i] = (byte)i;
        return data;
    }

    /// <summary>Bytes that do not compress, so a gzip stream of them spans many deflate blocks' worth of input.</summary>
    public static byte[] Noise(int length, int seed)
    {
        var data = new byte[length];
        new System.Random(seed).NextBytes(data);
        return data;
    }
}
