using Dendrite.Kernels.Activations;
using Dendrite.Kernels.Normalization;

namespace Dendrite.Nn.Fused;

/// <summary><see cref="IStageKernels"/> for one activation's operator struct: each member forwards to the generic kernel.</summary>
internal sealed class StageKernels<TAct> : IStageKernels where TAct : struct, IActivation
{
    public static readonly StageKernels<TAct> Instance = new();

    private StageKernels()
    {
    }

    public bool BackwardFromInput => TAct.BackwardFromInput;

    public void BiasActivation(Span<float> x, int rows, int cols, ReadOnlySpan<float> bias) =>
        ActivationKernels.BiasActivation<TAct>(x, rows, cols, bias);

    public void BiasActivation(Span<float> z, int rows, int cols, ReadOnlySpan<float> bias, Span<float> y) =>
        ActivationKernels.BiasActivation<TAct>(z, rows, cols, bias, y);

    public void Activation(ReadOnlySpan<float> z, Span<float> y) => ActivationKernels.Forward<TAct>(z, y);

    public void BackwardWithBiasGrad(ReadOnlySpan<float> saved, Span<float> dy, int rows, int cols, Span<float> biasGrad)
    {
        biasGrad.Clear();
        ActivationKernels.ActivationBackwardWithBiasGrad<TAct>(saved, dy, rows, cols, biasGrad);
    }

    public void Backward(ReadOnlySpan<float> saved, Span<float> dy) => ActivationKernels.Backward<TAct>(saved, dy, dy);

    public void NormalizeAffineActivation(Span<float> x, int rows, int cols, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y) =>
        BatchNormKernels.NormalizeAffineActivation<TAct>(x, rows, cols, mean, invStd, gamma, beta, y);

    public void AffineActivationBackward(ReadOnlySpan<float> xHat, ReadOnlySpan<float> y, Span<float> dy, int rows, int cols,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<double> sumG, Span<double> sumGx) =>
        BatchNormKernels.AffineActivationBackward<TAct>(xHat, y, dy, rows, cols, gamma, beta, sumG, sumGx);
}
