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

    public string Name { get; }

    public SafetensorsDtype Dtype { get; }

    /// <summary>Row-major shape; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    public long DataBegin { get; }

    public long DataEnd { get; }

    public long ByteLength => DataEnd - DataBegin;

    /// <summary>The shape as "[10, 784]".</summary>
    public string ShapeString => "[" + string.Join(", ", _shape) + "]";

    internal int[] ShapeArray => (int[])_shape.Clone();

    public override string ToString() => $"{Name}: {Dtype.ToSpecName()} {ShapeString}";
}
