using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Optim;
using Dendrite.Training.Policy;

namespace Dendrite.Training;

/// <summary>One call from specs to a trained MLP: seeds → model → SGD → trainer. What the CLI's train command runs.</summary>
public static class MlpTraining
{
    /// <summary>
    /// Builds <paramref name="spec"/> from <see cref="RunSeeds.Init"/> of <see cref="TrainerOptions.Seed"/>, trains it
    /// with SGD on <paramref name="train"/> (order from <see cref="RunSeeds.Shuffle"/>) and tests on <paramref name="test"/>.
    /// </summary>
    public static TrainingOutcome Run(MlpSpec spec, SgdOptions sgd, TrainerOptions options, InMemoryDataset train,
        InMemoryDataset test, Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.FeatureCount != spec.Inputs || test.FeatureCount != spec.Inputs)
            throw new DendriteException(
                $"the model takes {spec.Inputs} features but the data has {train.FeatureCount} (train) and {test.FeatureCount} (test)");
        long start = Stopwatch.GetTimestamp();
        var seeds = new RunSeeds(options.Seed);
        var model = ModelFactory.BuildMlp(spec, seeds.Init);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), sgd), options);
        var epochs = trainer.Fit(train, test, seeds.Shuffle, onEpoch, cancellationToken);
        return new TrainingOutcome(model, epochs, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>
    /// As the SGD overload, with any optimizer (<see cref="OptimizerFactory"/>) and a <see cref="TrainingPolicy"/>.
    /// Dropout masks come from <see cref="RunSeeds.Dropout"/>; with a validation fraction the training set is split
    /// by <see cref="RunSeeds.Split"/> (<see cref="ValidationSplit"/>) and the model never trains on the held-out part.
    /// </summary>
    public static TrainingOutcome Run(MlpSpec spec, OptimizerSettings optimizer, TrainerOptions options, TrainingPolicy? policy,
        InMemoryDataset train, InMemoryDataset test, Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.FeatureCount != spec.Inputs || test.FeatureCount != spec.Inputs)
            throw new DendriteException(
                $"the model takes {spec.Inputs} features but the data has {train.FeatureCount} (train) and {test.FeatureCount} (test)");
        policy ??= TrainingPolicy.None;
        policy.Validate();
        long start = Stopwatch.GetTimestamp();
        var seeds = new RunSeeds(options.Seed);
        var model = ModelFactory.BuildMlp(spec, seeds.Init, seeds.Dropout);
        InMemoryDataset? validation = null;
        if (policy.ValidationFraction > 0) (train, validation) = ValidationSplit.Split(train, policy.ValidationFraction, seeds.Split);
        IOptimizer opt;
        try
        {
            opt = OptimizerFactory.Create(model.Parameters(), optimizer);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DendriteException($"optimizer {OptimizerFactory.NameOf(optimizer.Kind)}: {e.Message}");
        }
        var trainer = new Trainer(model, opt, options, policy);
        var epochs = trainer.Fit(train, validation, test, seeds.Shuffle, onEpoch, cancellationToken);
        return new TrainingOutcome(model, epochs, Stopwatch.GetElapsedTime(start).TotalSeconds, trainer.RestoredEpoch);
    }
}
