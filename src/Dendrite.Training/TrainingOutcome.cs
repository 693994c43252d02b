using Dendrite.Nn;

namespace Dendrite.Training;

/// <summary>The trained model and its per-epoch history.</summary>
public sealed record TrainingOutcome(Module Model, IReadOnlyList<EpochResult> Epochs, double Seconds)
{
    /// <summary>Test accuracy after the last epoch.</summary>
    public double TestAccuracy => Epochs.Count == 0 ? double.NaN : Epochs[^1].TestAccuracy;
}
