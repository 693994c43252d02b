namespace Dendrite.Tensors;

/// <summary>
/// A row-major shape seen as [outer, length, inner] around one axis, so every axis-wise op (sum, max, softmax, …)
/// is one loop over "lanes": lane l = (o, i) holds elements Start(l) + k·Inner for k in [0, Length).
/// When Inner is 1 (the last axis) a lane is a contiguous span and vectorized TensorPrimitives calls apply directly.
/// </summary>
internal readonly record struct AxisLayout(int Outer, int Length, int Inner)
{
    public static AxisLayout Of(ReadOnlySpan<int> shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        return new AxisLayout(outer, shape[axis], inner);
    }

    /// <summary>Number of lanes, which is also the element count of the reduced tensor.</summary>
    public int Lanes => Outer * Inner;

    public bool Contiguous => Inner == 1;

    /// <summary>Flat index of element 0 of lane <paramref name="lane"/>.</summary>
    public int Start(int lane) => lane / Inner * Length * Inner + lane % Inner;

    /// <summary>Copies a lane into a contiguous buffer.</summary>
    public void Gather(ReadOnlySpan<float> source, int lane, Span<float> buffer)
    {
        int s = Start(lane);
        for (int k = 0; k < Length; k++) buffer[k] = source[s + k * Inner];
    }

    /// <summary>Writes a contiguous buffer back into a lane.</summary>
    public void Scatter(ReadOnlySpan<float> buffer, int lane, Span<float> destination)
    {
        int s = Start(lane);
        for (int k = 0; k < Length; k++) destination[s + k * Inner] = buffer[k];
    }

    /// <summary>The shape with the axis removed, or kept as 1.</summary>
    public static int[] ReducedShape(ReadOnlySpan<int> shape, int axis, bool keepDim)
    {
        var list = new List<int>(shape.Length);
        for (int d = 0; d < shape.Length; d++)
        {
            if (d != axis) list.Add(shape[d]);
            else if (keepDim) list.Add(1);
        }
        return [.. list];
    }
}
