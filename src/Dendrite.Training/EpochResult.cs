namespace Dendrite.Training;

/// <summary>What one training epoch achieved.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's training samples (weighted by batch size), measured during training.</param>
/// <param name="TrainAccuracy">Fraction of training samples classified correctly during the epoch (before each batch's update).</param>
/// <param name="TestAccuracy">Fraction of the test set classified correctly after the epoch, in eval mode.</param>
/// <param name="Seconds">Wall time of the epoch including the evaluation.</param>
/// <param name="ValidationAccuracy">Accuracy on the held-out validation split, or null without one.</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double TestAccuracy, double Seconds,
    double? ValidationAccuracy = null);
