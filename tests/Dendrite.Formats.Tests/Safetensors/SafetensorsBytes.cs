using System.Buffers.Binary;
using System.Text;

namespace Dendrite.Formats.Tests.Safetensors;

/// <summary>Builds safetensors files by hand from the spec, independently of the writer under test.</summary>
internal static class SafetensorsBytes
{
    /// <summary>[u64 LE header length][header JSON, padded with spaces to <paramref name="pad"/>][data].</summary>
    public static byte[] Build(string headerJson, byte[] data, bool pad = true)
    {
        byte[] header = Encoding.UTF8.GetBytes(headerJson);
        int padding = pad ? (8 - header.Length % 8) % 8 : 0;
        return Build(header.Concat(Enumerable.Repeat((byte)' ', padding)).ToArray(), (ulong)(header.Length + padding), data);
    }

    /// <summary>A file whose length field says <paramref name="declaredLength"/> whatever the header really is.</summary>
    public static byte[] Build(byte[] header, ulong declaredLength, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    public static byte[] F32(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    public static ulong HeaderLength(byte[] file) => BinaryPrimitives.ReadUInt64LittleEndian(file);

    public static string HeaderText(byte[] file) => Encoding.UTF8.GetString(file, 8, (int)HeaderLength(file));
}
