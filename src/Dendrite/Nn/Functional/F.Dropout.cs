using Dendrite.Autograd;
using Dendrite.Nn.Fused;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Inverted dropout. In training, each element is zeroed with probability <paramref name="p"/> and the kept
    /// ones are scaled by 1/(1−p), so E[y] = x and evaluation needs no rescaling: y = x ⊙ m, mᵢ ∈ {0, 1/(1−p)}.
    /// One 64-bit key drawn from <paramref name="rng"/> per call and a counter-based hash of (key, element index in
    /// row-major order) decide it (<see cref="Kernels.Elementwise.DropoutKernel"/>), so the mask depends only on
    /// <paramref name="rng"/>'s state: the same state gives the same mask, and the fused plan draws the same ones.
    /// Backward: dx = dy ⊙ m.
    /// With <paramref name="rowOffset"/> r the element counters start at r times the row width (elements per index of
    /// the first dimension): x is then taken as rows [r, r + x.Dim(0)) of a larger batch, whose masks those rows get,
    /// which is how data-parallel ranks reproduce the one-process masks. 0 (the default) is the whole batch.
    /// When <paramref name="training"/> is false or p = 0 the input itself is returned (identity, no draws).
    /// p = 1 is rejected rather than returning zeros: the 1/(1−p) scale is undefined there, and a layer that drops
    /// everything is almost certainly a configuration mistake.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1), or <paramref name="rowOffset"/> is negative.</exception>
    public static Tensor Dropout(Tensor x, float p, bool training, Rng rng, int rowOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        CheckDropoutProbability(p);
        ArgumentOutOfRangeException.ThrowIfNegative(rowOffset);
        if (!training || p == 0f) return x;

        var mask = new float[x.Size];
        var y = Tensor.Zeros(x.ShapeArray);
        int rows = x.Rank == 0 ? 1 : x.Dim(0);
        DropoutMask.Apply(rng, p, x.Data, mask, y.Data, rowOffset, rows == 0 ? 0 : x.Size / rows);
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
