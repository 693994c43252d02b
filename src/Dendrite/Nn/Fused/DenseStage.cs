namespace Dendrite.Nn.Fused;

/// <summary>
/// One Linear layer, an optional BatchNorm1d after it, the activation that follows (Identity for the output layer),
/// and an optional Dropout after the activation (hidden layers only). <see cref="Kernels"/> are the activation's.
/// </summary>
internal sealed record DenseStage(Linear Layer, FusedActivation Activation, Dropout? Dropout = null, BatchNorm1d? Norm = null)
{
    public IStageKernels Kernels { get; } = FusedKernels.For(Activation);

    /// <summary>Whether the stage keeps its pre-activation (z, or x̂ under batch norm) besides its output.</summary>
    public bool KeepsPreActivation => Norm is not null || Kernels.BackwardFromInput;
}
