using System.Numerics.Tensors;
using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>
/// Softmax and log-softmax along one axis, computed with the lane maximum subtracted first: exp(x − max) ≤ 1, so
/// nothing overflows for logits above 88 (where float's eˣ becomes ∞) and the largest term is exactly 1, so the
/// sum never underflows to 0 for logits below −88 either.
/// </summary>
public partial class Tensor
{
    /// <summary>yᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m), m = maxⱼ xⱼ, along <paramref name="axis"/>. Backward: y ⊙ (g − Σ g⊙y).</summary>
    public Tensor Softmax(int axis = -1)
    {
        var r = SoftmaxCore(axis, log: false, out AxisLayout layout);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] y = r.Data;
            r.AttachGradFn("softmax", [this], g =>
            {
                var gx = Zeros(g._shape);
                ForEachLane(layout, g.Data, y, gx.Data, static (gl, yl, dst) =>
                {
                    float dot = TensorPrimitives.Dot(gl, yl);
                    TensorPrimitives.Subtract(gl, dot, dst);
                    TensorPrimitives.Multiply(dst, yl, dst);
                });
                return [gx];
            });
        }
        return r;
    }

    /// <summary>yᵢ = xᵢ − m − ln Σⱼ e^(xⱼ−m) along <paramref name="axis"/>. Backward: g − softmax(x)·Σ g.</summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        var r = SoftmaxCore(axis, log: true, out AxisLayout layout);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] y = r.Data;
            r.AttachGradFn("log_softmax", [this], g =>
            {
                var gx = Zeros(g._shape);
                ForEachLane(layout, g.Data, y, gx.Data, static (gl, yl, dst) =>
                {
                    float sum = TensorPrimitives.Sum(gl);
                    TensorPrimitives.Exp(yl, dst); // softmax = exp(log_softmax)
                    TensorPrimitives.Multiply(dst, -sum, dst);
                    TensorPrimitives.Add(dst, gl, dst);
                });
                return [gx];
            });
        }
        return r;
    }

    private Tensor SoftmaxCore(int axis, bool log, out AxisLayout layout)
    {
        int ax = NormalizeAxis(axis, Rank);
        layout = AxisLayout.Of(_shape, ax);
        var r = Zeros(_shape);
        if (layout.Length == 0) return r;
        ForEachLane(layout, Data, null, r.Data, log
        ? static (x, _, dst) =>
        {
            float m = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, m, dst);
            TensorPrimitives.Exp(dst, dst);
            // (x − m) − ln Σ rather than x − (m + ln Σ): x − m is exact for nearby values, whereas rounding
            // m + ln Σ to float first loses ln Σ's low bits when |m| is large (an ulp is 6e-5 at 1000).
            float logSum = MathF.Log(TensorPrimitives.Sum<float>(dst));
            TensorPrimitives.Subtract(x, m, dst);
            TensorPrimitives.Subtract(dst, logSum, dst);
        }
        : static (x, _, dst) =>
        {
            float m = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, m, dst);
            TensorPrimitives.Exp(dst, dst);
            TensorPrimitives.Multiply(dst, 1f / TensorPrimitives.Sum<float>(dst), dst);
        });
        return r;
    }

    /// <summary>Computes one lane of the destination from the same lane of one or two sources.</summary>
    private delegate void LaneFunction(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination);

    /// <summary>
    /// Runs <paramref name="f"/> over every lane. Lanes along the last axis are passed as spans of the arrays
    /// themselves; other axes are gathered into contiguous buffers and scattered back.
    /// <paramref name="b"/> may be null (the function then sees an empty span).
    /// </summary>
    private static void ForEachLane(AxisLayout layout, float[] a, float[]? b, float[] destination, LaneFunction f)
    {
        int n = layout.Length;
        if (layout.Contiguous)
        {
            for (int l = 0; l < layout.Lanes; l++)
                f(a.AsSpan(l * n, n), b is null ? default : b.AsSpan(l * n, n), destination.AsSpan(l * n, n));
            return;
        }
        float[] bufA = new float[n], bufB = b is null ? [] : new float[n], dst = new float[n];
        for (int l = 0; l < layout.Lanes; l++)
        {
            layout.Gather(a, l, bufA);
            if (b is not null) layout.Gather(b, l, bufB);
            f(bufA, bufB, dst);
            layout.Scatter(dst, l, destination);
        }
    }
}
