using Dendrite.Nn;

namespace Dendrite.Training;

/// <summary>The trained model and its per-epoch history.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="Epochs">Per-epoch results, in order (resumed ones included).</param>
/// <param name="Seconds">Wall time of the whole run.</param>
/// <param name="RestoredEpoch">The 1-based epoch whose weights early stopping restored into the model, or null.</param>
public sealed record TrainingOutcome(Module Model, IReadOnlyList<EpochResult> Epochs, double Seconds, int? RestoredEpoch = null)
{
    /// <summary>The epoch whose weights the model holds: the restored one, else the last.</summary>
    public EpochResult? Final => Epochs.Count == 0 ? null
        : RestoredEpoch is { } e ? Epochs.FirstOrDefault(r => r.Epoch == e) ?? Epochs[^1] : Epochs[^1];

    /// <summary>The test evaluation of the weights the model holds, or null.</summary>
    public Evaluation? Test => Final?.Test;

    /// <summary>Test accuracy of the weights the model holds: the restored epoch's, else the last epoch's.</summary>
    public double TestAccuracy => Final?.TestAccuracy ?? double.NaN;
}
