using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// L2 weight decay as a reusable optimizer part: it replaces the gradient by g + λ·p (the gradient of
/// loss + λ/2·‖p‖²), which is what PyTorch's weight_decay argument does for SGD and Adam. Optimizers call
/// <see cref="EffectiveGradient"/> before their own rule; with λ = 0 it returns the gradient untouched.
/// </summary>
public sealed class WeightDecay
{
    /// <summary>A weight-decay part with coefficient λ = <paramref name="coefficient"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="coefficient"/> is negative, NaN or infinite.
    /// </exception>
    public WeightDecay(float coefficient)
    {
        if (!float.IsFinite(coefficient) || coefficient < 0f)
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "weight decay must be finite and ≥ 0");
        Coefficient = coefficient;
    }

    /// <summary>λ (finite, ≥ 0); 0 passes gradients through untouched.</summary>
    public float Coefficient { get; }

    /// <summary>result = grad + λ·param. <paramref name="result"/> may alias <paramref name="grad"/>.</summary>
    public static void Apply(ReadOnlySpan<float> param, ReadOnlySpan<float> grad, float coefficient, Span<float> result) =>
        TensorPrimitives.MultiplyAdd(param, coefficient, grad, result);

    /// <summary>
    /// The gradient to feed the update rule: <paramref name="grad"/> itself when λ = 0, otherwise g + λ·p written
    /// into <paramref name="scratch"/> (as long as grad; the caller's, so concurrent slices do not share one).
    /// </summary>
    public ReadOnlySpan<float> EffectiveGradient(ReadOnlySpan<float> param, ReadOnlySpan<float> grad, Span<float> scratch)
    {
        if (Coefficient == 0f) return grad;
        if (scratch.Length != grad.Length) throw new ArgumentException("scratch and grad lengths differ", nameof(scratch));
        Apply(param, grad, Coefficient, scratch);
        return scratch;
    }
}
