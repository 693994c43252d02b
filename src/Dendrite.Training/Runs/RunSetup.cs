using Dendrite.Optim;

namespace Dendrite.Training.Runs;

/// <summary>How to train a run: the model, the optimizer, the loop options, and what to record.</summary>
/// <param name="Spec">The architecture (for a resumed run, the checkpoint's).</param>
/// <param name="Sgd">Optimizer settings.</param>
/// <param name="Options">Loop options; <see cref="TrainerOptions.Epochs"/> is the total to reach, counting earlier epochs.</param>
/// <param name="ClassNames">Name of each class, stored in every checkpoint.</param>
/// <param name="ConfigJson">The resolved options as JSON: written to config.json and into every checkpoint.</param>
public sealed record RunSetup(MlpSpec Spec, SgdOptions Sgd, TrainerOptions Options, IReadOnlyList<string> ClassNames, string ConfigJson);
