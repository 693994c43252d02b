using Dendrite.Optim;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Runs;

/// <summary>How to train a run: the model, the optimizer, the loop options and policy, and what to record.</summary>
/// <param name="Spec">The architecture (for a resumed run, the checkpoint's).</param>
/// <param name="Optimizer">Optimizer kind and settings.</param>
/// <param name="Options">Loop options; <see cref="TrainerOptions.Epochs"/> is the total to reach, counting earlier epochs.</param>
/// <param name="Policy">Schedule, warm-up, clipping, label smoothing, validation split, early stopping.</param>
/// <param name="ClassNames">Name of each class, stored in every checkpoint.</param>
/// <param name="ConfigJson">The resolved options as JSON: written to config.json and into every checkpoint.</param>
public sealed record RunSetup(MlpSpec Spec, OptimizerSettings Optimizer, TrainerOptions Options, TrainingPolicy Policy,
    IReadOnlyList<string> ClassNames, string ConfigJson)
{
    /// <summary>Plain SGD, no policy (the d2l option set).</summary>
    public RunSetup(MlpSpec spec, SgdOptions sgd, TrainerOptions options, IReadOnlyList<string> classNames, string configJson)
        : this(spec, MlpTraining.SgdSettings(sgd), options, TrainingPolicy.None, classNames, configJson)
    {
    }
}
