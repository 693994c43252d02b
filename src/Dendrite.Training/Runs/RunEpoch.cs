using Dendrite.Nn;

namespace Dendrite.Training.Runs;

/// <summary>What a run reports after an epoch's checkpoints are on disk.</summary>
/// <param name="Result">This epoch's numbers.</param>
/// <param name="History">Every epoch so far, this one last.</param>
/// <param name="Model">The live model (valid only during the callback; training continues afterwards).</param>
/// <param name="IsBest">True when this epoch was written to best.safetensors.</param>
/// <param name="StoppedEarly">True when early stopping ends the run after this epoch.</param>
/// <param name="Warning">A one-line warning about this epoch (an exploding loss), or null.</param>
public sealed record RunEpoch(EpochResult Result, IReadOnlyList<EpochResult> History, Module Model, bool IsBest, bool StoppedEarly = false,
    string? Warning = null);
