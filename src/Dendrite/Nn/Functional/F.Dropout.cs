using Dendrite.Autograd;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Inverted dropout. In training, each element is zeroed with probability <paramref name="p"/> and the kept
    /// ones are scaled by 1/(1−p), so E[y] = x and evaluation needs no rescaling: y = x ⊙ m, mᵢ ∈ {0, 1/(1−p)}.
    /// One uniform draw per element, in row-major order, decides it (dropped when u &lt; p), so the mask depends only
    /// on <paramref name="rng"/>'s state: the same state gives the same mask. Backward: dx = dy ⊙ m.
    /// When <paramref name="training"/> is false or p = 0 the input itself is returned (identity, no draws).
    /// p = 1 is rejected rather than returning zeros: the 1/(1−p) scale is undefined there, and a layer that drops
    /// everything is almost certainly a configuration mistake.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1).</exception>
    public static Tensor Dropout(Tensor x, float p, bool training, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        CheckDropoutProbability(p);
        if (!training || p == 0f) return x;

        float scale = 1f / (1f - p);
        var mask = new float[x.Size];
        var y = Tensor.Zeros(x.ShapeArray);
        float[] xd = x.Data, yd = y.Data;
        for (int i = 0; i < mask.Length; i++)
        {
            float m = rng.NextFloat() < p ? 0f : scale;
            mask[i] = m;
            yd[i] = xd[i] * m;
        }
        if (AutogradContext.ShouldRecord(x))
        {
            int[] shape = x.ShapeArray;
            y.AttachGradFn("dropout", [x], g =>
            {
                var gx = Tensor.Zeros(shape);
                System.Numerics.Tensors.TensorPrimitives.Multiply(g.Data, mask, gx.Data);
                return [gx];
            });
        }
        return y;
    }

    internal static void CheckDropoutProbability(float p)
    {
        if (!(p >= 0f && p < 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
    }
}
