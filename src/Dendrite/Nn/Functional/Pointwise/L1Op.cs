namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>ℓ = |p − t|; ∂ℓ/∂p = sign(p − t) (0 at p = t, as PyTorch's sgn), ∂ℓ/∂t = −∂ℓ/∂p.</summary>
internal readonly struct L1Op : IPointwiseLoss
{
    public float Eval(float p, float t, int i, out float dp, out float dt)
    {
        float d = p - t;
        dp = d > 0f ? 1f : d < 0f ? -1f : 0f;
        dt = -dp;
        return MathF.Abs(d);
    }
}
