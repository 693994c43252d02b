namespace Dendrite.Data.Idx;

/// <summary>
/// The contents of one IDX file (the MNIST container format): the dimensions from its header and its elements,
/// row-major, last dimension fastest. Only unsigned-byte elements (type 0x08) are supported.
/// </summary>
public sealed class IdxFile
{
    /// <summary>
    /// Wraps already-read contents without copying or checking them; <see cref="IdxReader"/> checks that
    /// <paramref name="data"/> holds product(<paramref name="dimensions"/>) bytes before it builds one.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IdxFile(string path, int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        Path = path;
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>The file this was read from (for error messages).</summary>
    public string Path { get; }

    /// <summary>Dimension sizes from the header, outermost first (e.g. [count, rows, columns] for images).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>All elements, product(<see cref="Dimensions"/>) bytes.</summary>
    public byte[] Data { get; }

    /// <summary>Number of dimensions: 1 for a label file, 3 for an image file.</summary>
    public int Rank => Dimensions.Count;

    /// <summary>
    /// The dimensions formatted as [a, b, c] for messages; beyond 8 dimensions (a header may declare up to 255) the
    /// middle ones are elided, as in [1, 1, 1, 1, 1, 1, …, 1] (255 dimensions), so the message stays one short line.
    /// </summary>
    public string ShapeString => FormatShape(Dimensions);

    internal static string FormatShape(IReadOnlyList<int> dims)
    {
        const int Shown = 8;
        if (dims.Count <= Shown) return "[" + string.Join(", ", dims) + "]";
        return "[" + string.Join(", ", dims.Take(Shown - 2)) + $", …, {dims[^1]}] ({dims.Count} dimensions)";
    }
}
