using Dendrite.Optim.Schedules;

namespace Dendrite.Training.Policy;

/// <summary>What a <see cref="LearningRateDriver"/> remembers between epochs, for checkpoints.</summary>
/// <param name="BaseLearningRate">The rate the run started from (the schedules' base, or onecycle's maximum).</param>
/// <param name="Step">Optimizer steps taken so far (onecycle's position).</param>
/// <param name="Epoch">The 0-based index of the last epoch begun.</param>
/// <param name="Plateau">ReduceLROnPlateau's history, or null for other schedules.</param>
public sealed record LearningRateDriverState(double BaseLearningRate, long Step, int Epoch, PlateauState? Plateau);
