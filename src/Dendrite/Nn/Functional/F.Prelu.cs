using Dendrite.Autograd;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

/// <summary>PReLU: the one activation with a learnable parameter, so it has its own two-input op.</summary>
public static partial class F
{
    /// <summary>
    /// PReLU (He et al. 2015): f = x for x &gt; 0, a_c·x otherwise, where c is the channel of the element.
    /// <paramref name="weight"/> is [1] (one slope shared by all elements) or [C] with C = x.Dim(1), the channel
    /// dimension as in PyTorch (x [batch, C] or [batch, C, …]).
    /// Backward: dx = dy for x &gt; 0, a_c·dy otherwise; da_c = Σ dy·x over the elements of channel c with x ≤ 0
    /// (summed in double, in index order, so it is deterministic).
    /// </summary>
    /// <exception cref="ShapeMismatchException">weight is not [1] or [x.Dim(1)].</exception>
    public static Tensor Prelu(Tensor x, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        int channels = weight.Size;
        if (weight.Rank != 1 || (channels != 1 && (x.Rank < 2 || x.Dim(1) != channels)))
            throw new ShapeMismatchException(
                $"prelu weight must be [1] or [C] with C = input dim 1; got weight {weight.ShapeString} for input {x.ShapeString}");
        // Elements of one channel sit in runs of `inner` (the product of the dimensions after the channel one).
        int inner = channels == 1 ? Math.Max(x.Size, 1) : x.Size / Math.Max(x.Dim(0) * channels, 1);
        var y = Tensor.Zeros(x.ShapeArray);
        float[] xd = x.Data, yd = y.Data, a = weight.Data;
        for (int i = 0; i < xd.Length; i++)
        {
            float v = xd[i];
            yd[i] = v > 0f ? v : a[i / inner % channels] * v;
        }
        if (AutogradContext.ShouldRecord(x, weight))
        {
            y.AttachGradFn("prelu", [x, weight], g =>
            {
                float[] gd = g.Data;
                Tensor? gx = null, gw = null;
                if (x.RequiresGrad)
                {
                    gx = Tensor.Zeros(x.ShapeArray);
                    float[] gxd = gx.Data;
                    for (int i = 0; i < gxd.Length; i++) gxd[i] = xd[i] > 0f ? gd[i] : a[i / inner % channels] * gd[i];
                }
                if (weight.RequiresGrad)
                {
                    var sums = new double[channels];
                    for (int i = 0; i < xd.Length; i++)
                        if (!(xd[i] > 0f)) sums[i / inner % channels] += (double)gd[i] * xd[i];
                    gw = Tensor.Zeros(channels);
                    for (int c = 0; c < channels; c++) gw.Data[c] = (float)sums[c];
                }
                return [gx, gw];
            });
        }
        return y;
    }
}
