namespace Dendrite.Optim;

/// <summary>
/// Decoupled weight decay (Loshchilov &amp; Hutter, AdamW): p ← p·(1 − lr·λ), applied to the parameter before the
/// optimizer's own rule and independent of the gradient, so adaptive scaling does not weaken it. A reusable part
/// like <see cref="WeightDecay"/>, which instead adds λ·p to the gradient.
/// </summary>
public static class DecoupledWeightDecay
{
    public static void Apply(Span<float> param, float learningRate, float coefficient)
    {
        if (coefficient == 0f) return;
        // 1 − lr·λ in double then rounded once, as PyTorch computes the Python float before the tensor multiply.
        System.Numerics.Tensors.TensorPrimitives.Multiply(param, (float)(1.0 - (double)learningRate * coefficient), param);
    }
}
