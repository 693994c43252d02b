namespace Dendrite.Training.Tabular;

/// <summary>One cross-validation fold: its sizes and the held-out metrics after the last epoch.</summary>
/// <param name="Fold">1-based fold number.</param>
/// <param name="TrainCount">Rows trained on.</param>
/// <param name="TestCount">Rows held out and scored.</param>
/// <param name="Test">Metrics on the held-out rows.</param>
/// <param name="Seconds">Wall time of the fold (preprocessing, training and evaluation).</param>
public sealed record FoldResult(int Fold, int TrainCount, int TestCount, TabularMetrics Test, double Seconds);
