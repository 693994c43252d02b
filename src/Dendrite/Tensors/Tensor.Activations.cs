using System.Numerics.Tensors;
using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>Activation functions as tensor ops.</summary>
public partial class Tensor
{
    /// <summary>
    /// max(x, 0). d/dx = 1 where x &gt; 0 else 0 (from the input).
    /// NaN is deliberate: NaN in gives NaN out (TensorPrimitives.Max propagates NaN), so a diverged model stays
    /// visibly diverged instead of ReLU silently turning NaN into 0. Backward passes the gradient through at NaN
    /// inputs (the mask is "not x ≤ 0", as in PyTorch's threshold_backward), so the NaN keeps propagating.
    /// −0 maps to +0.
    /// </summary>
    public Tensor Relu()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Max(Data, 0f, r.Data);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] x = Data;
            r.AttachGradFn("relu", [this], g =>
            {
                var gx = Zeros(g._shape);
                float[] gd = g.Data, gxd = gx.Data;
                for (int i = 0; i < gxd.Length; i++) gxd[i] = x[i] <= 0f ? 0f : gd[i];
                return [gx];
            });
        }
        return r;
    }

    /// <summary>
    /// σ(x) = 1/(1+e⁻ˣ). d/dx = y(1−y) (from the output).
    /// Finite for every x: for x ≪ 0, e⁻ˣ overflows to +∞ and 1/(1+∞) = 0 (the true value is below float's
    /// smallest normal there); for x ≫ 0, e⁻ˣ underflows to 0 and y = 1. No NaN arises except from NaN input.
    /// </summary>
    public Tensor Sigmoid()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Sigmoid(Data, r.Data);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] y = r.Data;
            r.AttachGradFn("sigmoid", [this], g =>
            {
                var gx = Zeros(g._shape);
                float[] gd = g.Data, gxd = gx.Data;
                for (int i = 0; i < gxd.Length; i++) gxd[i] = gd[i] * y[i] * (1f - y[i]);
                return [gx];
            });
        }
        return r;
    }

    /// <summary>tanh x. d/dx = 1−y² (from the output).</summary>
    public Tensor Tanh()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Tanh(Data, r.Data);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] y = r.Data;
            r.AttachGradFn("tanh", [this], g =>
            {
                var gx = Zeros(g._shape);
                float[] gd = g.Data, gxd = gx.Data;
                for (int i = 0; i < gxd.Length; i++) gxd[i] = gd[i] * (1f - y[i] * y[i]);
                return [gx];
            });
        }
        return r;
    }
}
