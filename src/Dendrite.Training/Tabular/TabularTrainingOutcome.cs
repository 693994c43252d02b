using Dendrite.Data.Tabular;
using Dendrite.Nn;

namespace Dendrite.Training.Tabular;

/// <summary>A trained tabular model with the preprocessing it expects and its per-epoch history.</summary>
/// <param name="Model">The MLP, taking <see cref="TabularPreprocessor.FeatureCount"/> features.</param>
/// <param name="Preprocessor">The fitted preprocessing (also maps regression outputs back to target units).</param>
/// <param name="Epochs">One result per epoch.</param>
/// <param name="Test">Test metrics after the last epoch, or null without a test set.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record TabularTrainingOutcome(Module Model, TabularPreprocessor Preprocessor, IReadOnlyList<TabularEpochResult> Epochs, TabularMetrics? Test, double Seconds);
