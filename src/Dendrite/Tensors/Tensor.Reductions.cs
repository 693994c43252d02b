using System.Numerics.Tensors;
using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>
/// Sum, mean and max, over everything or along one axis (negative axes count from the end). Axis-wise ops view
/// the tensor as [outer, length, inner] (<see cref="AxisLayout"/>); backward broadcasts the output gradient back
/// along the reduced axis.
/// </summary>
public partial class Tensor
{
    /// <summary>Σᵢ xᵢ over all elements, a 0-d tensor. d/dxᵢ = 1.</summary>
    public Tensor Sum()
    {
        var r = new Tensor([TensorPrimitives.Sum<float>(Data)]);
        if (AutogradContext.ShouldRecord(this))
        {
            int[] shape = _shape;
            r.AttachGradFn("sum", [this], g => [Full(g.Data[0], shape)]);
        }
        return r;
    }

    /// <summary>Sum along <paramref name="axis"/>; the axis is removed unless <paramref name="keepDim"/>.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => ReduceAxis(axis, keepDim, mean: false);

    /// <summary>(1/n) Σᵢ xᵢ over all n elements, a 0-d tensor (NaN when empty). d/dxᵢ = 1/n.</summary>
    public Tensor Mean()
    {
        int n = Size;
        var r = new Tensor([TensorPrimitives.Sum<float>(Data) / n]);
        if (AutogradContext.ShouldRecord(this))
        {
            int[] shape = _shape;
            r.AttachGradFn("mean", [this], g => [Full(g.Data[0] / n, shape)]);
        }
        return r;
    }

    /// <summary>Mean along <paramref name="axis"/>; the axis is removed unless <paramref name="keepDim"/>.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => ReduceAxis(axis, keepDim, mean: true);

    /// <summary>
    /// Maximum along <paramref name="axis"/>; the axis is removed unless <paramref name="keepDim"/>.
    /// NaN counts as the maximum (it propagates). The gradient goes to the first maximal element only.
    /// </summary>
    public Tensor Max(int axis, bool keepDim = false)
    {
        int ax = NormalizeAxis(axis, Rank);
        var layout = AxisLayout.Of(_shape, ax);
        if (layout.Length == 0) throw new ShapeMismatchException($"max along axis {axis} of empty dimension in {ShapeString}");
        int[] arg = ArgMaxLanes(layout);
        var r = Zeros(AxisLayout.ReducedShape(_shape, ax, keepDim));
        for (int l = 0; l < arg.Length; l++) r.Data[l] = Data[layout.Start(l) + arg[l] * layout.Inner];
        if (AutogradContext.ShouldRecord(this))
        {
            int[] shape = _shape;
            r.AttachGradFn("max", [this], g =>
            {
                var gx = Zeros(shape);
                for (int l = 0; l < arg.Length; l++) gx.Data[layout.Start(l) + arg[l] * layout.Inner] = g.Data[l];
                return [gx];
            });
        }
        return r;
    }

    /// <summary>
    /// Index of the first maximum along <paramref name="axis"/> for every position of the remaining dimensions,
    /// in their row-major order (so a [batch, classes] tensor gives one class per row). NaN counts as the maximum.
    /// </summary>
    public int[] ArgMax(int axis = -1)
    {
        int ax = NormalizeAxis(axis, Rank);
        var layout = AxisLayout.Of(_shape, ax);
        if (layout.Length == 0) throw new ShapeMismatchException($"argmax along axis {axis} of empty dimension in {ShapeString}");
        return ArgMaxLanes(layout);
    }

    private int[] ArgMaxLanes(AxisLayout layout)
    {
        var arg = new int[layout.Lanes];
        for (int l = 0; l < arg.Length; l++)
        {
            int s = layout.Start(l), best = 0;
            float bestValue = Data[s];
            for (int k = 1; k < layout.Length && !float.IsNaN(bestValue); k++)
            {
                float v = Data[s + k * layout.Inner];
                if (v > bestValue || float.IsNaN(v)) { best = k; bestValue = v; }
            }
            arg[l] = best;
        }
        return arg;
    }

    private Tensor ReduceAxis(int axis, bool keepDim, bool mean)
    {
        int ax = NormalizeAxis(axis, Rank);
        var layout = AxisLayout.Of(_shape, ax);
        var r = Zeros(AxisLayout.ReducedShape(_shape, ax, keepDim));
        float[] x = Data, y = r.Data;
        int n = layout.Length, inner = layout.Inner;
        if (layout.Contiguous)
        {
            for (int o = 0; o < layout.Outer; o++) y[o] = TensorPrimitives.Sum<float>(x.AsSpan(o * n, n));
        }
        else
        {
            // Add whole inner rows at a time: vectorized and cache-friendly, unlike a strided walk per lane.
            for (int o = 0; o < layout.Outer; o++)
            {
                Span<float> dst = y.AsSpan(o * inner, inner);
                for (int k = 0; k < n; k++) TensorPrimitives.Add(dst, x.AsSpan((o * n + k) * inner, inner), dst);
            }
        }
        float scale = mean ? 1f / n : 1f;
        if (mean) TensorPrimitives.Multiply(y, scale, y);
        if (AutogradContext.ShouldRecord(this))
        {
            int[] shape = _shape;
            r.AttachGradFn(mean ? "mean_axis" : "sum_axis", [this], g =>
            {
                // Every element of a lane receives that lane's output gradient (times 1/n for the mean).
                var gx = Zeros(shape);
                float[] gd = g.Data, gxd = gx.Data;
                for (int o = 0; o < layout.Outer; o++)
                {
                    ReadOnlySpan<float> src = gd.AsSpan(o * inner, inner);
                    for (int k = 0; k < n; k++) TensorPrimitives.Multiply(src, scale, gxd.AsSpan((o * n + k) * inner, inner));
                }
                return [gx];
            });
        }
        return r;
    }
}
