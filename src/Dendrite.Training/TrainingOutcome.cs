using Dendrite.Nn;

namespace Dendrite.Training;

/// <summary>The trained model and its per-epoch history.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="Epochs">Per-epoch results, in order.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
/// <param name="RestoredEpoch">The 1-based epoch whose weights early stopping restored into the model, or null.</param>
public sealed record TrainingOutcome(Module Model, IReadOnlyList<EpochResult> Epochs, double Seconds, int? RestoredEpoch = null)
{
    /// <summary>Test accuracy of the weights the model holds: the restored epoch's, else the last epoch's.</summary>
    public double TestAccuracy => Epochs.Count == 0 ? double.NaN
        : RestoredEpoch is { } e ? Epochs[e - 1].TestAccuracy : Epochs[^1].TestAccuracy;
}
