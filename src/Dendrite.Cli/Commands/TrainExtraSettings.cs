using Dendrite.Optim;
using Dendrite.Training.Policy;

namespace Dendrite.Cli.Commands;

/// <summary>
/// The model and optimization options of <c>dendrite train</c> beyond <see cref="TrainSettings"/> (kept apart so
/// the original settings record stays as it was).
/// </summary>
/// <param name="ActivationName">A registry activation other than relu/sigmoid/tanh (those stay in <see cref="TrainSettings.Activation"/>), or null.</param>
/// <param name="Dropout">Dropout after every hidden activation (0: none).</param>
/// <param name="BatchNorm">BatchNorm1d after every hidden Linear.</param>
/// <param name="Optimizer">Which optimizer and its settings.</param>
/// <param name="Policy">Schedule, warm-up, clipping, label smoothing, validation split and early stopping.</param>
internal sealed record TrainExtraSettings(string? ActivationName, float Dropout, bool BatchNorm, OptimizerSettings Optimizer, TrainingPolicy Policy);
