using K = Dendrite.Kernels.Activations;

namespace Dendrite.Nn.Fused;

/// <summary>Maps a <see cref="FusedActivation"/> to the kernels specialized for its operator struct, and modules to activations.</summary>
internal static class FusedKernels
{
    public static IStageKernels For(FusedActivation act) => act switch
    {
        FusedActivation.Relu => StageKernels<K.Relu>.Instance,
        FusedActivation.Sigmoid => StageKernels<K.Sigmoid>.Instance,
        FusedActivation.Tanh => StageKernels<K.Tanh>.Instance,
        FusedActivation.Gelu => StageKernels<K.Gelu>.Instance,
        FusedActivation.GeluTanh => StageKernels<K.GeluTanh>.Instance,
        FusedActivation.Silu => StageKernels<K.Silu>.Instance,
        FusedActivation.LeakyRelu => StageKernels<K.LeakyRelu>.Instance,
        FusedActivation.Elu => StageKernels<K.Elu>.Instance,
        FusedActivation.Softplus => StageKernels<K.Softplus>.Instance,
        FusedActivation.Mish => StageKernels<K.Mish>.Instance,
        _ => StageKernels<K.Identity>.Instance,
    };

    /// <summary>
    /// The fused form of an activation module, or null when there is none: a parameterized module fuses only with
    /// the parameter values its operator struct hard-codes (PyTorch's defaults); anything else, and learned or gated
    /// activations (PReLU, GLU, SwiGLU, GeGLU), stays on autograd.
    /// </summary>
    public static FusedActivation? ActivationOf(Module m) => m switch
    {
        ReLU => FusedActivation.Relu,
        Sigmoid => FusedActivation.Sigmoid,
        Tanh => FusedActivation.Tanh,
        GELU g => g.Approximation == Functional.GeluApproximation.None ? FusedActivation.Gelu : FusedActivation.GeluTanh,
        SiLU => FusedActivation.Silu,
        LeakyReLU l when l.NegativeSlope == K.LeakyRelu.Slope => FusedActivation.LeakyRelu,
        ELU e when e.Alpha == 1f => FusedActivation.Elu,
        CELU c when c.Alpha == 1f => FusedActivation.Elu, // max(0, x) + min(0, eˣ − 1) is ELU(1)
        Softplus s when s.Beta == 1f && s.Threshold == K.Softplus.Threshold => FusedActivation.Softplus,
        Mish => FusedActivation.Mish,
        _ => null,
    };
}
