namespace Dendrite.Nn.Fused;

/// <summary>
/// The kernels one stage of a <see cref="FusedMlp"/> runs, specialized for its activation: chosen once at compile
/// time (the registry entry's fused kernels, <see cref="ActivationInfo.IsFusable"/>), so a step pays one interface call per stage and op, not a switch, and
/// each call lands in a loop the JIT specialized for that activation's operator struct.
/// </summary>
internal interface IStageKernels
{
    /// <summary>True when the activation's backward needs the pre-activation z (kept in a buffer), not only y.</summary>
    bool BackwardFromInput { get; }

    /// <summary>x ← f(x + bias) in place (activations whose backward reads y).</summary>
    void BiasActivation(Span<float> x, int rows, int cols, ReadOnlySpan<float> bias);

    /// <summary>z ← z + bias in place, y = f(z).</summary>
    void BiasActivation(Span<float> z, int rows, int cols, ReadOnlySpan<float> bias, Span<float> y);

    /// <summary>y = f(z) (y may be z when the backward reads y).</summary>
    void Activation(ReadOnlySpan<float> z, Span<float> y);

    /// <summary>dY → dZ in place from the saved z or y, and biasGrad = Σ rows of dZ (overwritten).</summary>
    void BackwardWithBiasGrad(ReadOnlySpan<float> saved, Span<float> dy, int rows, int cols, Span<float> biasGrad);

    /// <summary>dY → dZ in place from the saved z or y.</summary>
    void Backward(ReadOnlySpan<float> saved, Span<float> dy);

    /// <summary>x → x̂ = (x − mean)·invStd in place; y = f(γx̂ + β).</summary>
    void NormalizeAffineActivation(Span<float> x, int rows, int cols, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y);

    /// <summary>dY → g = dY ⊙ f'(γx̂ + β) in place; sumG = Σ g, sumGx = Σ g·x̂ per column (double, overwritten).</summary>
    void AffineActivationBackward(ReadOnlySpan<float> xHat, ReadOnlySpan<float> y, Span<float> dy, int rows, int cols,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<double> sumG, Span<double> sumGx);
}
