using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Training.Policy;

namespace Dendrite.Training;

/// <summary>
/// One call from specs to a trained MLP: seeds → model → optimizer → <see cref="Trainer.Fit(InMemoryDataset, InMemoryDataset?, InMemoryDataset, Random.Rng, FitResume?, Action{FitEpoch}?, Action{Runs.BatchProgress}?, CancellationToken)"/>,
/// without a run folder (library use). <see cref="Runs.RunTraining"/> does the same inside a run folder.
/// </summary>
public static class MlpTraining
{
    /// <summary>
    /// Builds <paramref name="spec"/> from <see cref="RunSeeds.Init"/> of <see cref="TrainerOptions.Seed"/>, trains it
    /// with SGD on <paramref name="train"/> (order from <see cref="RunSeeds.Shuffle"/>) and tests on <paramref name="test"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="sgd"/> has a dampening, which <see cref="OptimizerSettings"/> cannot express.</exception>
    public static TrainingOutcome Run(MlpSpec spec, SgdOptions sgd, TrainerOptions options, InMemoryDataset train,
        InMemoryDataset test, Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default) =>
        Run(spec, SgdSettings(sgd), options, null, train, test, onEpoch, cancellationToken);

    /// <summary>
    /// As the SGD overload, with any optimizer (<see cref="OptimizerFactory"/>) and a <see cref="TrainingPolicy"/>.
    /// Dropout masks come from <see cref="RunSeeds.Dropout"/>; with a validation fraction the training set is split
    /// by <see cref="RunSeeds.Split"/> (<see cref="ValidationSplit"/>) and the model never trains on the held-out part.
    /// </summary>
    public static TrainingOutcome Run(MlpSpec spec, OptimizerSettings optimizer, TrainerOptions options, TrainingPolicy? policy,
        InMemoryDataset train, InMemoryDataset test, Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        policy ??= TrainingPolicy.None;
        CheckData(spec, train, test);
        policy.Validate();
        long start = Stopwatch.GetTimestamp();
        var seeds = new RunSeeds(options.Seed);
        var model = ModelFactory.BuildMlp(spec, seeds.Init, seeds.Dropout);
        var (fitTrain, validation) = SplitValidation(train, policy, seeds);
        var trainer = new Trainer(model, CreateOptimizer(model, optimizer), options, policy);
        var epochs = trainer.Fit(fitTrain, validation, test, seeds.Shuffle, onEpoch, cancellationToken);
        return new TrainingOutcome(model, epochs, Stopwatch.GetElapsedTime(start).TotalSeconds, trainer.RestoredEpoch);
    }

    /// <summary>SGD options as factory settings (dampening has no counterpart there).</summary>
    public static OptimizerSettings SgdSettings(SgdOptions sgd)
    {
        ArgumentNullException.ThrowIfNull(sgd);
        if (sgd.Dampening != 0f) throw new ArgumentException("SGD dampening is not supported here; build the Sgd and a Trainer directly", nameof(sgd));
        return new OptimizerSettings(OptimizerKind.Sgd, sgd.LearningRate, sgd.WeightDecay, sgd.Momentum, Nesterov: sgd.Nesterov);
    }

    /// <summary>The optimizer for <paramref name="model"/>'s parameters; an invalid setting is a user error.</summary>
    internal static IOptimizer CreateOptimizer(Module model, OptimizerSettings settings)
    {
        try
        {
            return OptimizerFactory.Create(model.Parameters(), settings);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DendriteException($"optimizer {OptimizerFactory.NameOf(settings.Kind)}: {e.Message}");
        }
    }

    /// <summary>
    /// The training and validation parts: with a validation fraction, the seeded split (the same for a seed, so a
    /// resumed run recomputes it rather than storing it); else the whole set and null.
    /// </summary>
    internal static (InMemoryDataset Train, InMemoryDataset? Validation) SplitValidation(InMemoryDataset train, TrainingPolicy policy, RunSeeds seeds) =>
        policy.ValidationFraction > 0 ? ValidationSplit.Split(train, policy.ValidationFraction, seeds.Split) : (train, null);

    internal static void CheckData(MlpSpec spec, InMemoryDataset train, InMemoryDataset test)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.FeatureCount != spec.Inputs || test.FeatureCount != spec.Inputs)
            throw new DendriteException(
                $"the model takes {spec.Inputs} features but the data has {train.FeatureCount} (train) and {test.FeatureCount} (test)");
    }
}
