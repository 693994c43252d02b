namespace Dendrite.Onnx.Import;

/// <summary>
/// A constant of the graph as float32 values: an initializer, the value of a Constant node, or either seen through
/// Identity nodes. <see cref="Learned"/> tells an initializer (PyTorch's parameters and buffers) from a Constant node
/// (fixed values, such as the γ = 1, β = 0 PyTorch writes for a batch norm without affine parameters).
/// </summary>
/// <param name="Values">The elements, row-major.</param>
/// <param name="Dims">The shape (empty for a scalar).</param>
/// <param name="Learned">True for an initializer.</param>
internal sealed record ConstTensor(float[] Values, long[] Dims, bool Learned)
{
    /// <summary>The single value when every element equals it (a scalar, or a broadcast constant); null otherwise.</summary>
    public float? Uniform()
    {
        if (Values.Length == 0) return null;
        float first = Values[0];
        foreach (float v in Values)
            if (!v.Equals(first)) return null;
        return first;
    }

    /// <summary>"[6, 4]".</summary>
    public string ShapeString => "[" + string.Join(", ", Dims) + "]";
}
