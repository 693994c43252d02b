using Dendrite.Training.Policy;

namespace Dendrite.Training;

/// <summary>
/// The part of a <see cref="Trainer"/>'s progress at an epoch boundary that lives in neither the model, the
/// optimizer nor the random streams: the learning-rate driver, the early-stopping tracker, and whether training
/// has already stopped early.
/// </summary>
/// <param name="Driver">Schedule and warm-up position.</param>
/// <param name="EarlyStopping">The tracker, or null without early stopping.</param>
/// <param name="StoppedEarly">True once early stopping ended the run; such a run is not continued.</param>
public sealed record FitState(LearningRateDriverState Driver, EarlyStoppingState? EarlyStopping, bool StoppedEarly);
