namespace Dendrite.Nn.Fused;

/// <summary>What one fused training step measured: the summed per-sample loss and how many argmax predictions were right.</summary>
/// <param name="LossSum">
/// The batch's loss summed over samples (LossSum / batch is the step's mean loss; class-weighted, it is the
/// weighted mean times the batch size).
/// </param>
/// <param name="Correct">Rows whose argmax matched the label; 0 for regression.</param>
public readonly record struct FusedStepResult(double LossSum, int Correct);
