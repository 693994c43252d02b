namespace Dendrite.Optim.Schedules;

/// <summary>Options of <see cref="ReduceLROnPlateau"/>; defaults are PyTorch's.</summary>
/// <param name="Mode">Min for a loss, Max for an accuracy.</param>
/// <param name="Factor">lr ← lr·factor on a plateau, in (0, 1).</param>
/// <param name="Patience">Epochs without improvement tolerated before reducing (≥ 0).</param>
/// <param name="Threshold">Smallest change that counts as an improvement (finite, ≥ 0).</param>
/// <param name="ThresholdMode">Whether the threshold is relative to the best value or absolute.</param>
/// <param name="Cooldown">Epochs after a reduction during which bad epochs are not counted (≥ 0).</param>
/// <param name="MinLearningRate">Floor of the learning rate (finite, ≥ 0).</param>
/// <param name="Eps">Reductions smaller than this are skipped (finite, ≥ 0).</param>
public sealed record ReduceLROnPlateauOptions(PlateauMode Mode = PlateauMode.Min, double Factor = 0.1, int Patience = 10,
    double Threshold = 1e-4, ThresholdMode ThresholdMode = ThresholdMode.Relative, int Cooldown = 0, double MinLearningRate = 0,
    double Eps = 1e-8);
