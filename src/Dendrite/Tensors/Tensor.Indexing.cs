using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>Row gather (for batching) and similar indexing.</summary>
public partial class Tensor
{
    /// <summary>
    /// Rows <paramref name="rows"/> of the first dimension, stacked: [rows.Length, …] (a copy).
    /// Backward scatter-adds: a row picked k times receives the sum of its k output gradients.
    /// </summary>
    /// <exception cref="ShapeMismatchException">the tensor is 0-d.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a row index is outside [0, Dim(0)).</exception>
    public Tensor GatherRows(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Rank == 0) throw new ShapeMismatchException($"GatherRows needs at least one dimension, got shape {ShapeString}");
        int count = _shape[0];
        int width = count == 0 ? 0 : Size / count;
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(rows), $"row index {rows[i]} at position {i} is outside [0, {count}) for shape {ShapeString}");
        }
        int[] outShape = ShapeArray;
        outShape[0] = rows.Length;
        var r = Zeros(outShape);
        for (int i = 0; i < rows.Length; i++) Data.AsSpan(rows[i] * width, width).CopyTo(r.Data.AsSpan(i * width, width));
        if (AutogradContext.ShouldRecord(this))
        {
            int[] shape = _shape;
            int[] picked = (int[])rows.Clone(); // the caller may reuse its index buffer before Backward
            r.AttachGradFn("gather_rows", [this], g =>
            {
                var gx = Zeros(shape);
                for (int i = 0; i < picked.Length; i++)
                    Kernels.Elementwise.Arith.AddInPlace(gx.Data.AsSpan(picked[i] * width, width), g.Data.AsSpan(i * width, width));
                return [gx];
            });
        }
        return r;
    }
}
