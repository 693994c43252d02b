using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Optim;

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
}
