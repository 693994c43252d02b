namespace Dendrite.Optim;

/// <summary>
/// Decoupled weight decay (Loshchilov &amp; Hutter, AdamW): p ← p·(1 − lr·λ), applied to the parameter before the
/// optimizer's own rule and independent of the gradient, so adaptive scaling does not weaken it. A reusable part
/// like <see cref="WeightDecay"/>, which instead adds λ·p to the gradient.
/// </summary>
public static class DecoupledWeightDecay
{
    /// <summary>
    /// p ← p·(1 − lr·λ) in place; nothing happens when λ = 0. The factor is formed in double and rounded once, as
    /// PyTorch does, so results match it bit for bit.
    /// </summary>
    /// <param name="param">Parameter values, updated in place.</param>
    /// <param name="learningRate">The current lr; decay scales with it, as in AdamW.</param>
    /// <param name="coefficient">λ ≥ 0 (AdamW's weight_decay).</param>
    public static void Apply(Span<float> param, float learningRate, float coefficient)
    {
        if (coefficient == 0f) return;
        System.Numerics.Tensors.TensorPrimitives.Multiply(param, Factor(learningRate, coefficient), param);
    }

    /// <summary>
    /// The factor 1 − lr·λ that <see cref="Apply"/> multiplies by (exactly 1 when λ = 0), for rules that fold the
    /// decay into their own pass over the parameter.
    /// </summary>
    public static float Factor(float learningRate, float coefficient) =>
        // 1 − lr·λ in double then rounded once, as PyTorch computes the Python float before the tensor multiply.
        coefficient == 0f ? 1f : (float)(1.0 - (double)learningRate * coefficient);
}
