namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>
/// Binary cross-entropy on probabilities, PyTorch's formula: ℓ = −w·(t·max(ln p, −100) + (1−t)·max(ln(1−p), −100)).
/// The clamp keeps p = 0 or 1 finite (loss ≤ 100 per element). ∂ℓ/∂p = w·(p − t)/max(p(1−p), 1e-12) (PyTorch's
/// backward, finite at the ends); ∂ℓ/∂t = −w·(max(ln p, −100) − max(ln(1−p), −100)).
/// Weight element i is <c>weight[i % weight.Length]</c> (full shape, or one per column broadcast over rows).
/// </summary>
internal readonly struct BceOp(float[]? weight) : IPointwiseLoss
{
    public float Eval(float p, float t, int i, out float dp, out float dt)
    {
        float w = weight is null ? 1f : weight[i % weight.Length];
        float logP = MathF.Max(MathF.Log(p), -100f);
        float log1mP = MathF.Max(MathF.Log(1f - p), -100f);
        dp = w * (p - t) / MathF.Max((1f - p) * p, 1e-12f);
        dt = -w * (logP - log1mP);
        return -w * (t * logP + (1f - t) * log1mP);
    }
}
