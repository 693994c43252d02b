namespace Dendrite.Formats.Safetensors;

/// <summary>
/// The validated header of a safetensors file: what <see cref="SafetensorsReader.ReadHeader(string)"/> returns
/// without loading tensor data (used by <c>dendrite summary</c>).
/// File layout: [8-byte length N][N bytes JSON header][DataLength bytes of tensor data].
/// </summary>
public sealed class SafetensorsHeader
{
    internal SafetensorsHeader(IReadOnlyList<SafetensorsTensorInfo> tensors,
        IReadOnlyDictionary<string, string> metadata, long headerLength, long dataLength)
    {
        Tensors = tensors;
        Metadata = metadata;
        HeaderLength = headerLength;
        DataLength = dataLength;
    }

    /// <summary>Entries in data-offset order (the order their bytes appear in the file).</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The "__metadata__" object; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>N, the JSON header's length in bytes including padding.</summary>
    public long HeaderLength { get; }

    /// <summary>Absolute file offset of the data buffer (8 + N).</summary>
    public long DataStart => 8 + HeaderLength;

    /// <summary>Size of the data buffer in bytes: the file's length minus <see cref="DataStart"/>.</summary>
    public long DataLength { get; }

    /// <summary>Total size of the file in bytes: 8 + N + <see cref="DataLength"/>.</summary>
    public long FileLength => DataStart + DataLength;
}
