namespace Dendrite.Nn.Fused;

/// <summary>The activations a <see cref="FusedMlp"/> can fuse into the GEMM epilogue.</summary>
public enum FusedActivation
{
    Identity,
    Relu,
    Sigmoid,
    Tanh,
}
