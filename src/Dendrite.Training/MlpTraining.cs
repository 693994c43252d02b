using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;
using Microsoft.Extensions.Logging;

namespace Dendrite.Training;

/// <summary>
/// One call from a <see cref="RunConfig"/> to a trained MLP, without a run folder (library use): seeds → model →
/// optimizer → objective → <see cref="Trainer"/>. <see cref="RunTraining"/> does the same inside a run folder, with
/// checkpoints and resume.
/// </summary>
public static class MlpTraining
{
    /// <summary>Trains <paramref name="config"/>'s model on <paramref name="data"/>; <paramref name="callbacks"/> hear each epoch as it ends.</summary>
    public static TrainingOutcome Run(RunConfig config, RunData data, FitCallbacks? callbacks = null, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        long start = Stopwatch.GetTimestamp();
        var seeds = new RunSeeds(config.Seed);
        var model = RunTraining.BuildModel(config, data, seeds.Init, seeds.Dropout);
        var trainer = new Trainer(model, RunTraining.CreateOptimizer(model, config.Optimizer), config.Training, config.Policy,
            RunTraining.CreateObjective(config, data), logger);
        var epochs = trainer.Fit(data.Fit, seeds.Shuffle, callbacks, null, cancellationToken);
        return new TrainingOutcome(model, epochs, Stopwatch.GetElapsedTime(start).TotalSeconds, trainer.RestoredEpoch);
    }

    /// <summary>
    /// Trains the MLP <paramref name="spec"/> (inputs and outputs taken from the data) on <paramref name="train"/> for
    /// classification (labels) or regression (targets), testing on <paramref name="test"/> after each epoch.
    /// </summary>
    public static TrainingOutcome Run(MlpSpec spec, OptimizerSettings optimizer, TrainerOptions options, ulong seed, InMemoryDataset train,
        InMemoryDataset? test, TrainingPolicy? policy = null, Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var config = new RunConfig
        {
            Model = spec, Optimizer = optimizer, Training = options, Policy = policy ?? TrainingPolicy.None, Seed = seed,
        };
        return Run(config, RunDataLoader.FromDatasets(train, test, config), onEpoch is null ? null : new FitCallbacks(e => onEpoch(e.Result)),
            null, cancellationToken);
    }

    /// <summary>SGD options as factory settings (dampening has no counterpart there).</summary>
    public static OptimizerSettings SgdSettings(SgdOptions sgd)
    {
        ArgumentNullException.ThrowIfNull(sgd);
        if (sgd.Dampening != 0f) throw new ArgumentException("SGD dampening is not supported here; build the Sgd and a Trainer directly", nameof(sgd));
        return new OptimizerSettings(OptimizerKind.Sgd, sgd.LearningRate, sgd.WeightDecay, sgd.Momentum, Nesterov: sgd.Nesterov);
    }
}
