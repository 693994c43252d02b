using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Training.Runs;

/// <summary>
/// Trains inside a <see cref="RunFolder"/>, checkpointing at every epoch boundary so that a run can be resumed
/// with bit-identical results. The state at a boundary is (weights, optimizer state, shuffle Rng state, epoch):
/// the DataLoader draws each epoch's permutation from the shuffle Rng at the epoch's start, so restoring that Rng
/// restores the order of every later epoch.
/// </summary>
/// <remarks>
/// Per epoch, in this order: best.safetensors (when the <see cref="SelectionMetric"/> improves), last.safetensors,
/// metrics.csv, then the callback. A kill between any two steps leaves a valid last checkpoint; resuming from it
/// redoes at most one epoch and rewrites the same bytes (timings aside).
/// </remarks>
public static class RunTraining
{
    /// <summary>
    /// Starts a new run in <paramref name="folder"/>: builds the model from the seed, writes the epoch-0 checkpoint
    /// (so the folder is a valid run from the first moment), config.json and an empty metrics.csv, then trains.
    /// </summary>
    public static TrainingOutcome Start(RunFolder folder, RunSetup setup, InMemoryDataset train, InMemoryDataset test,
        Action<RunEpoch>? onEpoch = null, Action<BatchProgress>? onBatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(setup);
        CheckData(setup.Spec, train, test);
        var seeds = new RunSeeds(setup.Options.Seed);
        var model = ModelFactory.BuildMlp(setup.Spec, seeds.Init);
        var optimizer = new Sgd(model.Parameters(), setup.Sgd);
        var history = new List<EpochResult>();
        Checkpoint.WriteBytes(folder.LastPath, Capture(setup, 0, model, optimizer, seeds.Shuffle, history).ToBytes());
        folder.WriteConfig(setup.ConfigJson);
        folder.WriteMetrics(history);
        return Continue(folder, setup, model, optimizer, seeds.Shuffle, 0, history, train, test, onEpoch, onBatch, cancellationToken);
    }

    /// <summary>
    /// Continues the run in <paramref name="folder"/> from <paramref name="last"/> (its last.safetensors) up to
    /// <see cref="TrainerOptions.Epochs"/> in total. <paramref name="setup"/> must describe the same model.
    /// </summary>
    public static TrainingOutcome Resume(RunFolder folder, Checkpoint last, RunSetup setup, InMemoryDataset train,
        InMemoryDataset test, Action<RunEpoch>? onEpoch = null, Action<BatchProgress>? onBatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(setup);
        if (MlpSpecJson.Write(last.Spec) != MlpSpecJson.Write(setup.Spec))
            throw new RunFolderException($"{folder.Path}: the checkpoint holds a {last.Spec.Describe()} model but the run asks for {setup.Spec.Describe()}");
        if (setup.Options.Epochs <= last.Epoch)
            throw new RunFolderException(
                $"{folder.Path}: the run has already finished {last.Epoch} epochs; pass --epochs N with N > {last.Epoch} to continue it");
        if (!last.Rngs.TryGetValue(Checkpoint.ShuffleRng, out var shuffleState))
            throw new CheckpointFormatException($"{folder.LastPath}: no '{Checkpoint.ShuffleRng}' Rng state, so the run cannot be resumed exactly");
        CheckData(setup.Spec, train, test);
        var model = last.BuildModel();
        var optimizer = new Sgd(model.Parameters(), setup.Sgd);
        OptimizerStates.Import(optimizer, last.Optimizer, folder.LastPath);
        var shuffle = new Rng(0);
        shuffle.SetState(shuffleState);
        var history = last.History.Where(h => h.Epoch <= last.Epoch).ToList();
        folder.WriteConfig(setup.ConfigJson);
        folder.WriteMetrics(history);
        return Continue(folder, setup, model, optimizer, shuffle, last.Epoch, history, train, test, onEpoch, onBatch, cancellationToken);
    }

    private static TrainingOutcome Continue(RunFolder folder, RunSetup setup, Module model, IOptimizer optimizer, Rng shuffle,
        int done, List<EpochResult> history, InMemoryDataset train, InMemoryDataset test, Action<RunEpoch>? onEpoch,
        Action<BatchProgress>? onBatch, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var trainer = new Trainer(model, optimizer, setup.Options);
        var loader = new DataLoader(train, setup.Options.BatchSize, shuffle: true, rng: shuffle);
        double best = history.Select(SelectionMetric.Of).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
        for (int epoch = done + 1; epoch <= setup.Options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long epochStart = Stopwatch.GetTimestamp();
            var (loss, accuracy) = trainer.TrainEpoch(onBatch is null ? loader : Counting(loader, epoch, onBatch), cancellationToken);
            double seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds; // training pass only, as Trainer.Fit measures
            var evaluation = trainer.Evaluate(test);
            var result = new EpochResult(epoch, loss, accuracy, evaluation.Accuracy, seconds);
            history.Add(result);

            byte[] bytes = Capture(setup, epoch, model, optimizer, shuffle, history).ToBytes();
            bool isBest = SelectionMetric.Improves(SelectionMetric.Of(result), best);
            if (isBest)
            {
                best = SelectionMetric.Of(result);
                Checkpoint.WriteBytes(folder.BestPath, bytes);
            }
            Checkpoint.WriteBytes(folder.LastPath, bytes);
            folder.WriteMetrics(history);
            onEpoch?.Invoke(new RunEpoch(result, history, model, isBest));
        }
        return new TrainingOutcome(model, history, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>The loader's batches, reporting progress after each one has been trained on.</summary>
    private static IEnumerable<Batch> Counting(DataLoader loader, int epoch, Action<BatchProgress> onBatch)
    {
        int samples = 0;
        foreach (Batch batch in loader)
        {
            yield return batch;
            samples += batch.Count;
            onBatch(new BatchProgress(epoch, samples, loader.SampleCount));
        }
    }

    private static Checkpoint Capture(RunSetup setup, int epoch, Module model, IOptimizer optimizer, Rng shuffle,
        IReadOnlyList<EpochResult> history) =>
        Checkpoint.Capture(setup.Spec, setup.ClassNames, epoch, model, optimizer,
            new Dictionary<string, RngState> { [Checkpoint.ShuffleRng] = shuffle.GetState() }, history, setup.ConfigJson);

    private static void CheckData(MlpSpec spec, InMemoryDataset train, InMemoryDataset test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.FeatureCount != spec.Inputs || test.FeatureCount != spec.Inputs)
            throw new DendriteException(
                $"the model takes {spec.Inputs} features but the data has {train.FeatureCount} (train) and {test.FeatureCount} (test)");
    }
}
