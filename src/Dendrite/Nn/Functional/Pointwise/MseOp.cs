namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>Squared error: with d = p − t, ℓ = d², ∂ℓ/∂p = 2d (what <see cref="F.MseLoss"/> computes).</summary>
internal readonly struct MseOp : IPointwiseLoss
{
    public float Eval(float p, float t, int i, out float dp, out float dt)
    {
        float d = p - t;
        dp = 2f * d;
        dt = -dp;
        return d * d;
    }
}
