namespace Dendrite.Nn.Fused;

/// <summary>
/// One Linear layer, an optional BatchNorm1d after it, the activation that follows (the registry's fused
/// <see cref="Kernels"/>; identity for the output layer), and an optional Dropout after the activation (hidden layers only).
/// </summary>
internal sealed record DenseStage(Linear Layer, IStageKernels Kernels, Dropout? Dropout = null, BatchNorm1d? Norm = null)
{
    /// <summary>The kernels of a stage without activation (the output layer).</summary>
    public static IStageKernels Identity => StageKernels<Kernels.Activations.Identity>.Instance;

    /// <summary>True when the stage applies an activation (every stage but the output layer).</summary>
    public bool HasActivation => !ReferenceEquals(Kernels, Identity);

    /// <summary>Whether the stage keeps its pre-activation (z, or x̂ under batch norm) besides its output.</summary>
    public bool KeepsPreActivation => Norm is not null || Kernels.BackwardFromInput;
}
