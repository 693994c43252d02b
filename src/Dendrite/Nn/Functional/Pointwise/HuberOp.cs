namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>
/// Huber: with d = p − t, ℓ = d²/2 for |d| &lt; δ, else δ·(|d| − δ/2); ∂ℓ/∂p = d, or δ·sign(d) (clipped gradient).
/// </summary>
internal readonly struct HuberOp(float delta) : IPointwiseLoss
{
    public float Eval(float p, float t, int i, out float dp, out float dt)
    {
        float d = p - t, a = MathF.Abs(d);
        float loss;
        if (a < delta) { loss = 0.5f * d * d; dp = d; }
        else { loss = delta * (a - 0.5f * delta); dp = d > 0f ? delta : -delta; }
        dt = -dp;
        return loss;
    }
}
