namespace Dendrite.Optim.Schedules;

/// <summary>Everything <see cref="ReduceLROnPlateau"/> remembers, for checkpoint resume.</summary>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="Best">Best metric so far (±∞ before the first report).</param>
/// <param name="BadEpochs">Consecutive reports without improvement.</param>
/// <param name="CooldownLeft">Reports left in the cool-down after the last reduction.</param>
/// <param name="Epochs">Reports received so far.</param>
public sealed record PlateauState(double LearningRate, double Best, int BadEpochs, int CooldownLeft, long Epochs);
