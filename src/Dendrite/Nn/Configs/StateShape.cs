namespace Dendrite.Nn.Configs;

/// <summary>A tensor a layer description promises: its state-dict name, its shape, and whether it is a buffer.</summary>
/// <param name="Name">Dotted name ("0.weight").</param>
/// <param name="Shape">Dimensions; empty for a scalar such as num_batches_tracked.</param>
/// <param name="IsBuffer">True for buffers, false for parameters.</param>
public sealed record StateShape(string Name, int[] Shape, bool IsBuffer)
{
    /// <summary>Number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>"[256, 784]".</summary>
    public string ShapeString => "[" + string.Join(", ", Shape) + "]";
}
