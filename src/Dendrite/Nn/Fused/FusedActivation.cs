namespace Dendrite.Nn.Fused;

/// <summary>
/// The activations a <see cref="FusedMlp"/> can fuse into the GEMM epilogue (parameterized ones only with
/// PyTorch's default parameters, which the operator structs hard-code).
/// </summary>
public enum FusedActivation
{
    Identity,
    Relu,
    Sigmoid,
    Tanh,

    /// <summary>Exact GELU, x·Φ(x).</summary>
    Gelu,

    /// <summary>GELU's tanh approximation.</summary>
    GeluTanh,

    /// <summary>SiLU / Swish, x·σ(x).</summary>
    Silu,

    /// <summary>Leaky ReLU with slope 0.01.</summary>
    LeakyRelu,

    /// <summary>ELU with α = 1 (also CELU with α = 1, the same function).</summary>
    Elu,

    /// <summary>Softplus with β = 1, threshold 20.</summary>
    Softplus,

    Mish,
}
