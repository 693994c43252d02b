using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using Dendrite.Tensors;

namespace Dendrite.Formats.Safetensors;

/// <summary>
/// Reads safetensors files. Every tensor is returned as a float32 <see cref="Tensor"/>: F32 bit-exactly; F64, F16,
/// BF16, the integer types and BOOL converted (see <see cref="SafetensorsDtypes.ConvertsToFloat32"/>); F8 types are
/// rejected. The header is validated completely against the real size of the input before any tensor buffer is
/// allocated; every violation throws <see cref="SafetensorsFormatException"/> naming the source and the problem.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>Headers above this size are refused (the reference implementation's limit).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int ChunkBytes = 1 << 16;

    /// <summary>Loads every tensor and the metadata of the file at <paramref name="path"/>.</summary>
    public static SafetensorsFile Read(string path)
    {
        using FileStream stream = OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>
    /// Loads from <paramref name="stream"/>'s current position to its end. <paramref name="sourceName"/> labels
    /// error messages. A non-seekable stream is first copied to memory so its real length is known.
    /// </summary>
    public static SafetensorsFile Read(Stream stream, string sourceName = "<stream>")
    {
        (Stream s, long available) = Measure(stream);
        using (s == stream ? null : s)
            return ReadCore(s, sourceName, available);
    }

    /// <summary>Loads from an in-memory copy of a file.</summary>
    public static SafetensorsFile Read(byte[] bytes, string sourceName = "<bytes>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return ReadCore(stream, sourceName, bytes.LongLength);
    }

    /// <summary>Names, dtypes, shapes, offsets and metadata, validated, without reading tensor data.</summary>
    public static SafetensorsHeader ReadHeader(string path)
    {
        using FileStream stream = OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <inheritdoc cref="ReadHeader(string)"/>
    public static SafetensorsHeader ReadHeader(Stream stream, string sourceName = "<stream>")
    {
        (Stream s, long available) = Measure(stream);
        using (s == stream ? null : s)
            return ReadHeaderCore(s, sourceName, available);
    }

    /// <inheritdoc cref="ReadHeader(string)"/>
    public static SafetensorsHeader ReadHeader(byte[] bytes, string sourceName = "<bytes>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return ReadHeaderCore(stream, sourceName, bytes.LongLength);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096,
                FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot open safetensors file: {ex.Message}", ex);
        }
    }

    private static (Stream Stream, long Available) Measure(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("the stream is not readable", nameof(stream));
        if (stream.CanSeek) return (stream, stream.Length - stream.Position);
        // Pipes and FIFOs have no length. Copying holds only the bytes that really exist, never what a header claims.
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return (copy, copy.Length);
    }

    private static SafetensorsHeader ReadHeaderCore(Stream stream, string source, long available)
    {
        if (available == 0)
            throw new SafetensorsFormatException(source, "file is empty (0 bytes); not a safetensors file", null);
        if (available < 8)
            throw new SafetensorsFormatException(source,
                $"file is only {available} bytes, too short for the 8-byte header length; not a safetensors file", null);

        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, source, "the header length");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long afterPrefix = available - 8;
        if (n > MaxHeaderLength)
            throw new SafetensorsFormatException(source,
                $"header length {n} exceeds the {MaxHeaderLength}-byte limit (first bytes {Convert.ToHexString(prefix)}); " +
                "not a safetensors file?", null);
        if (n > (ulong)afterPrefix)
            throw new SafetensorsFormatException(source,
                $"header length {n} is larger than the {afterPrefix} bytes that follow it; file truncated or not a safetensors file", null);
        if (n < 2)
            throw new SafetensorsFormatException(source,
                $"header length {n} is too small for a JSON object (at least 2 bytes, \"{{}}\")", null);

        var header = new byte[n];
        ReadExactly(stream, header, source, "the header");
        return SafetensorsHeaderParser.Parse(source, header, afterPrefix - (long)n);
    }

    private static SafetensorsFile ReadCore(Stream stream, string source, long available)
    {
        SafetensorsHeader header = ReadHeaderCore(stream, source, available);

        // Refuse what cannot be loaded before allocating the first tensor.
        foreach (SafetensorsTensorInfo info in header.Tensors)
        {
            if (!info.Dtype.ConvertsToFloat32())
                throw new SafetensorsFormatException(source,
                    $"tensor {SafetensorsHeaderParser.Quote(info.Name)} has dtype {info.Dtype.ToSpecName()}, which Dendrite cannot convert to F32", null);
            if (info.ElementCount > Array.MaxLength)
                throw new SafetensorsFormatException(source,
                    $"tensor {SafetensorsHeaderParser.Quote(info.Name)} has {info.ElementCount} elements; a Dendrite tensor holds at most {Array.MaxLength}", null);
        }

        // The ranges tile the data buffer in this order, so the stream is read front to back with no seeking.
        var tensors = new OrderedDictionary<string, Tensor>(header.Tensors.Count, StringComparer.Ordinal);
        byte[]? chunk = null;
        foreach (SafetensorsTensorInfo info in header.Tensors)
        {
            var data = new float[info.ElementCount];
            string what = "tensor " + SafetensorsHeaderParser.Quote(info.Name);
            if (info.Dtype == SafetensorsDtype.F32 && BitConverter.IsLittleEndian)
            {
                ReadExactly(stream, MemoryMarshal.AsBytes(data.AsSpan()), source, what);
            }
            else
            {
                chunk ??= new byte[ChunkBytes];
                int size = info.Dtype.SizeInBytes();
                int perChunk = ChunkBytes / size;
                for (int done = 0; done < data.Length; done += perChunk)
                {
                    int count = Math.Min(perChunk, data.Length - done);
                    Span<byte> bytes = chunk.AsSpan(0, count * size);
                    ReadExactly(stream, bytes, source, what);
                    SafetensorsDecoder.Decode(info.Dtype, bytes, data.AsSpan(done, count));
                }
            }
            tensors.Add(info.Name, new Tensor(data, info.ShapeArray));
        }
        return new SafetensorsFile(header, new ReadOnlyDictionary<string, Tensor>(tensors));
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            // Sizes were checked against the length up front, so this means the file changed under us.
            throw new SafetensorsFormatException(source, $"file ended early while reading {what}; was it modified while being read?", ex);
        }
    }
}
