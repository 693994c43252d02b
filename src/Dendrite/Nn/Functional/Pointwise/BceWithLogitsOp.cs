namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>
/// Binary cross-entropy on logits x, stable for any |x|: with sp = softplus(−x) = max(−x, 0) + ln(1 + e^−|x|)
/// (the exponent is never positive, so nothing overflows) and l = 1 + (pw − 1)·t for positive-class weight pw,
/// ℓ = w·((1 − t)·x + l·sp). Without pw this is max(x, 0) − x·t + ln(1 + e^−|x|).
/// ∂ℓ/∂x = w·((1 − t) − l·σ(−x)) (= w·(σ(x) − t) without pw); ∂ℓ/∂t = w·(−x + (pw − 1)·sp).
/// Evaluated in double, then rounded. Weights index as <c>w[i % w.Length]</c> (pw usually one per class/column).
/// </summary>
internal readonly struct BceWithLogitsOp(float[]? weight, float[]? posWeight) : IPointwiseLoss
{
    public float Eval(float p, float t, int i, out float dp, out float dt)
    {
        double x = p, y = t;
        double w = weight is null ? 1.0 : weight[i % weight.Length];
        double pw = posWeight is null ? 1.0 : posWeight[i % posWeight.Length];
        double e = Math.Exp(-Math.Abs(x));
        double sp = Math.Max(-x, 0.0) + Math.Log(1.0 + e);
        double sigNeg = x >= 0 ? e / (1.0 + e) : 1.0 / (1.0 + e); // σ(−x) without overflow
        double l = 1.0 + (pw - 1.0) * y;
        dp = (float)(w * ((1.0 - y) - l * sigNeg));
        dt = (float)(w * (-x + (pw - 1.0) * sp));
        return (float)(w * ((1.0 - y) * x + l * sp));
    }
}
