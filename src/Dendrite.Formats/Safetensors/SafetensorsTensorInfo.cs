namespace Dendrite.Formats.Safetensors;

/// <summary>
/// One tensor entry of a safetensors header, already validated: <c>DataEnd − DataBegin = ElementCount ×
/// dtype size</c> and the range lies inside the data buffer. Offsets are relative to the first byte after the header.
/// </summary>
public sealed class SafetensorsTensorInfo
{
    private readonly int[] _shape;

    internal SafetensorsTensorInfo(string name, SafetensorsDtype dtype, int[] shape, long elementCount,
        long dataBegin, long dataEnd)
    {
        Name = name;
        Dtype = dtype;
        _shape = shape;
        ElementCount = elementCount;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
    }

    /// <summary>The tensor's key in the header, e.g. "0.weight"; unique within a file.</summary>
    public string Name { get; }

    /// <summary>
    /// The element type as stored (loading converts it to float32 when
    /// <see cref="SafetensorsDtypes.ConvertsToFloat32"/>).
    /// </summary>
    public SafetensorsDtype Dtype { get; }

    /// <summary>Row-major shape; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>
    /// Offset of the first byte, relative to the start of the data buffer (<see cref="SafetensorsHeader.DataStart"/>).
    /// </summary>
    public long DataBegin { get; }

    /// <summary>Offset one past the last byte, relative to the start of the data buffer.</summary>
    public long DataEnd { get; }

    /// <summary>Bytes of data: <see cref="ElementCount"/> × the dtype's size (0 for an empty tensor).</summary>
    public long ByteLength => DataEnd - DataBegin;

    /// <summary>The shape as "[10, 784]".</summary>
    public string ShapeString => "[" + string.Join(", ", _shape) + "]";

    internal int[] ShapeArray => (int[])_shape.Clone();

    /// <summary>The name, spec dtype and shape, e.g. "0.weight: F32 [256, 784]".</summary>
    public override string ToString() => $"{Name}: {Dtype.ToSpecName()} {ShapeString}";
}
