namespace Dendrite.Training;

/// <summary>What one training epoch achieved.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples (weighted by batch size), measured during training.</param>
/// <param name="TrainAccuracy">Classification: fraction of training samples classified correctly during the epoch
/// (before each batch's update); NaN for regression.</param>
/// <param name="Seconds">Wall time of the epoch's training pass (evaluation excluded).</param>
/// <param name="Test">The test set's evaluation after the epoch, in eval mode, or null without a test set.</param>
/// <param name="Validation">The held-out validation split's evaluation, or null without one.</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double Seconds, Evaluation? Test = null,
    Evaluation? Validation = null)
{
    /// <summary>Test accuracy (NaN without a test set, or for regression).</summary>
    public double TestAccuracy => Test?.Accuracy ?? double.NaN;

    /// <summary>Validation accuracy, or null without a validation split.</summary>
    public double? ValidationAccuracy => Validation?.Accuracy;
}
