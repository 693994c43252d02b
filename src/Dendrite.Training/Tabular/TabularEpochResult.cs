namespace Dendrite.Training.Tabular;

/// <summary>What one epoch of tabular training achieved.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Sample-weighted mean loss over the epoch's batches, measured during training (model space).</param>
/// <param name="TrainAccuracy">Classification: fraction of training rows classified correctly during the pass (each batch before its update); NaN for regression.</param>
/// <param name="Test">Metrics on the test rows after the epoch, or null without a test set.</param>
/// <param name="Seconds">Wall time of the training pass (evaluation excluded, as in <see cref="EpochResult"/>).</param>
public sealed record TabularEpochResult(int Epoch, double TrainLoss, double TrainAccuracy, TabularMetrics? Test, double Seconds);
