namespace Dendrite.Tensors;

/// <summary>
/// numpy-style broadcasting: shapes are aligned from the right; a dimension of 1 (or a missing one) stretches.
/// </summary>
internal static class Broadcast
{
    public static int[] Shape(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException($"shapes {Tensor.Format(a)} and {Tensor.Format(b)} do not broadcast");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides of <paramref name="shape"/> seen inside <paramref name="outShape"/>: 0 where it broadcasts.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape, int[] outShape)
    {
        var strides = new int[outShape.Length];
        int stride = 1;
        for (int i = outShape.Length - 1; i >= 0; i--)
        {
            int si = i - (outShape.Length - shape.Length);
            int d = si >= 0 ? shape[si] : 1;
            strides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }

    /// <summary>For each flat output index, the flat index into an operand with the given broadcast strides.</summary>
    public static int[] IndexMap(int[] outShape, int[] strides)
    {
        int size = (int)Tensor.ShapeSize(outShape);
        var map = new int[size];
        var counter = new int[outShape.Length];
        int offset = 0;
        for (int flat = 0; flat < size; flat++)
        {
            map[flat] = offset;
            for (int d = outShape.Length - 1; d >= 0; d--)
            {
                counter[d]++;
                offset += strides[d];
                if (counter[d] < outShape[d]) break;
                offset -= strides[d] * outShape[d];
                counter[d] = 0;
            }
        }
        return map;
    }

    /// <summary>Sums <paramref name="grad"/> (of a broadcast result's shape) down to <paramref name="shape"/>.</summary>
    public static Tensor SumTo(Tensor grad, int[] shape)
    {
        if (grad.Shape.SequenceEqual(shape)) return grad;
        var result = Tensor.Zeros(shape);
        int[] map = IndexMap(grad.ShapeArray, Strides(shape, grad.ShapeArray));
        float[] g = grad.Data, r = result.Data;
        for (int i = 0; i < map.Length; i++) r[map[i]] += g[i];
        return result;
    }
}
