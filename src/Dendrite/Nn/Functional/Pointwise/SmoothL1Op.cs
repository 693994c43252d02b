namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>
/// Smooth L1: with d = p − t, ℓ = d²/(2β) for |d| &lt; β, else |d| − β/2; ∂ℓ/∂p = d/β, or sign(d).
/// β = 0 never takes the quadratic branch, so it is exactly L1 (PyTorch's special case) with no division by 0.
/// Equals Huber(δ = β)/β.
/// </summary>
internal readonly struct SmoothL1Op(float beta) : IPointwiseLoss
{
    public float Eval(float p, float t, int i, out float dp, out float dt)
    {
        float d = p - t, a = MathF.Abs(d);
        float loss;
        if (a < beta) { loss = 0.5f * d * d / beta; dp = d / beta; }
        else { loss = a - 0.5f * beta; dp = d > 0f ? 1f : d < 0f ? -1f : 0f; }
        dt = -dp;
        return loss;
    }
}
