namespace Dendrite.Nn.Fused;

/// <summary>What one fused training step measured: the summed per-sample loss and how many argmax predictions were right.</summary>
public readonly record struct FusedStepResult(double LossSum, int Correct);
