namespace Dendrite.Training.Runs;

/// <summary>One cross-validation fold: its sizes and the held-out evaluation after training.</summary>
/// <param name="Fold">1-based fold number.</param>
/// <param name="TrainCount">Rows trained on (validation rows included).</param>
/// <param name="TestCount">Rows held out and scored.</param>
/// <param name="Test">The evaluation of the held-out rows.</param>
/// <param name="Seconds">Wall time of the fold (preprocessing, training and evaluation).</param>
public sealed record FoldResult(int Fold, int TrainCount, int TestCount, Evaluation Test, double Seconds);
