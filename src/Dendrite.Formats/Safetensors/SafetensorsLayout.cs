using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Dendrite.Tensors;

namespace Dendrite.Formats.Safetensors;

/// <summary>A validated, sorted set of tensors with its header bytes: everything needed to write, computed first.</summary>
internal sealed class SafetensorsLayout
{
    private const int ChunkFloats = 1 << 14;

    private readonly List<KeyValuePair<string, Tensor>> _tensors;
    private readonly byte[] _header;

    private SafetensorsLayout(List<KeyValuePair<string, Tensor>> tensors, byte[] header, long dataLength)
    {
        _tensors = tensors;
        _header = header;
        FileLength = 8 + header.LongLength + dataLength;
    }

    public long FileLength { get; }

    public static SafetensorsLayout Create(IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        List<KeyValuePair<string, Tensor>> sorted = SafetensorsHeaderBuilder.SortAndValidate(tensors);
        byte[] header = SafetensorsHeaderBuilder.Build(sorted, metadata, out long dataLength);
        return new SafetensorsLayout(sorted, header, dataLength);
    }

    public void WriteTo(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)_header.LongLength);
        stream.Write(prefix);
        stream.Write(_header);
        float[]? chunk = null;
        foreach ((_, Tensor tensor) in _tensors)
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
                continue;
            }
            // Big-endian hosts: swap into a scratch buffer so the file stays little-endian.
            chunk ??= new float[ChunkFloats];
            for (int i = 0; i < tensor.Data.Length; i += ChunkFloats)
            {
                int n = Math.Min(ChunkFloats, tensor.Data.Length - i);
                Span<int> bits = MemoryMarshal.Cast<float, int>(chunk.AsSpan(0, n));
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(tensor.Data.AsSpan(i, n)), bits);
                stream.Write(MemoryMarshal.AsBytes(bits));
            }
        }
    }
}
