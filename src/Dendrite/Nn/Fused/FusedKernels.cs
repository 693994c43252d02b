using Dendrite.Kernels.Activations;
using KIdentity = Dendrite.Kernels.Activations.Identity;
using KRelu = Dendrite.Kernels.Activations.Relu;
using KSigmoid = Dendrite.Kernels.Activations.Sigmoid;
using KTanh = Dendrite.Kernels.Activations.Tanh;

namespace Dendrite.Nn.Fused;

/// <summary>Dispatches a <see cref="FusedActivation"/> value to the generic kernels' operator structs.</summary>
internal static class FusedKernels
{
    public static void BiasActivation(FusedActivation act, Span<float> x, int rows, int cols, ReadOnlySpan<float> bias)
    {
        switch (act)
        {
            case FusedActivation.Relu: ActivationKernels.BiasActivation<KRelu>(x, rows, cols, bias); break;
            case FusedActivation.Sigmoid: ActivationKernels.BiasActivation<KSigmoid>(x, rows, cols, bias); break;
            case FusedActivation.Tanh: ActivationKernels.BiasActivation<KTanh>(x, rows, cols, bias); break;
            default: ActivationKernels.BiasActivation<KIdentity>(x, rows, cols, bias); break;
        }
    }

    public static void Activation(FusedActivation act, Span<float> x)
    {
        switch (act)
        {
            case FusedActivation.Relu: ActivationKernels.Forward<KRelu>(x, x); break;
            case FusedActivation.Sigmoid: ActivationKernels.Forward<KSigmoid>(x, x); break;
            case FusedActivation.Tanh: ActivationKernels.Forward<KTanh>(x, x); break;
            default: break;
        }
    }

    /// <summary>dY → dZ in place (from the saved output y), and biasGrad = Σ rows of dZ (overwritten).</summary>
    public static void BackwardWithBiasGrad(FusedActivation act, ReadOnlySpan<float> y, Span<float> dy, int rows, int cols, Span<float> biasGrad)
    {
        biasGrad.Clear();
        switch (act)
        {
            case FusedActivation.Relu: ActivationKernels.ActivationBackwardWithBiasGrad<KRelu>(y, dy, rows, cols, biasGrad); break;
            case FusedActivation.Sigmoid: ActivationKernels.ActivationBackwardWithBiasGrad<KSigmoid>(y, dy, rows, cols, biasGrad); break;
            case FusedActivation.Tanh: ActivationKernels.ActivationBackwardWithBiasGrad<KTanh>(y, dy, rows, cols, biasGrad); break;
            default: ActivationKernels.ActivationBackwardWithBiasGrad<KIdentity>(y, dy, rows, cols, biasGrad); break;
        }
    }

    /// <summary>dY → dZ in place, for a layer without bias.</summary>
    public static void Backward(FusedActivation act, ReadOnlySpan<float> y, Span<float> dy)
    {
        switch (act)
        {
            case FusedActivation.Relu: ActivationKernels.Backward<KRelu>(y, dy, dy); break;
            case FusedActivation.Sigmoid: ActivationKernels.Backward<KSigmoid>(y, dy, dy); break;
            case FusedActivation.Tanh: ActivationKernels.Backward<KTanh>(y, dy, dy); break;
            default: break;
        }
    }
}
