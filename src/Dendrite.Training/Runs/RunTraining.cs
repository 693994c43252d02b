using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Training.Runs;

/// <summary>
/// Trains inside a <see cref="RunFolder"/>, checkpointing at every epoch boundary so that a run can be resumed
/// with bit-identical results, whatever the optimizer, schedule, regularization or validation options. The state
/// at a boundary is: weights and buffers, optimizer state (with its current learning rate), the shuffle Rng and
/// every Dropout layer's Rng, the trainer's <see cref="FitState"/> (schedule position, plateau and early-stopping
/// trackers with the best weights, whether the run stopped early), and the epoch. The DataLoader draws each
/// epoch's permutation from the shuffle Rng at the epoch's start, so restoring that Rng restores the order of every
/// later epoch; the validation split is recomputed from the seed.
/// </summary>
/// <remarks>
/// Per epoch, in this order: best.safetensors (when the <see cref="SelectionMetric"/> improves), last.safetensors,
/// metrics.csv, then the callback. A kill between any two steps leaves a valid last checkpoint; resuming from it
/// redoes at most one epoch and rewrites the same bytes (timings aside). Schedules that span the whole run (cosine,
/// onecycle) are laid out over <see cref="TrainerOptions.Epochs"/>; a resume that raises the total re-lays them over
/// the new total from the current position, so bit-identity with an uninterrupted run holds when the total is unchanged.
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
        MlpTraining.CheckData(setup.Spec, train, test);
        setup.Policy.Validate();
        var seeds = new RunSeeds(setup.Options.Seed);
        var model = ModelFactory.BuildMlp(setup.Spec, seeds.Init, seeds.Dropout);
        var (fitTrain, validation) = MlpTraining.SplitValidation(train, setup.Policy, seeds);
        var optimizer = MlpTraining.CreateOptimizer(model, setup.Optimizer);
        var history = new List<EpochResult>();
        Checkpoint.WriteBytes(folder.LastPath, Capture(setup, 0, model, optimizer, seeds.Shuffle, history, null).ToBytes());
        folder.WriteConfig(setup.ConfigJson);
        folder.WriteMetrics(history, validation is not null);
        return Continue(folder, setup, model, optimizer, seeds.Shuffle, null, fitTrain, validation, test,
            onEpoch, onBatch, cancellationToken);
    }

    /// <summary>
    /// Continues the run in <paramref name="folder"/> from <paramref name="last"/> (its last.safetensors) up to
    /// <see cref="TrainerOptions.Epochs"/> in total. <paramref name="setup"/> must describe the same model.
    /// A run that early stopping has ended is not continued.
    /// </summary>
    public static TrainingOutcome Resume(RunFolder folder, Checkpoint last, RunSetup setup, InMemoryDataset train,
        InMemoryDataset test, Action<RunEpoch>? onEpoch = null, Action<BatchProgress>? onBatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(setup);
        if (MlpSpecJson.Write(last.Spec) != MlpSpecJson.Write(setup.Spec))
            throw new RunFolderException($"{folder.Path}: the checkpoint holds a {last.Spec.Describe()} model but the run asks for {setup.Spec.Describe()}");
        if (last.Fit is { StoppedEarly: true } stopped)
            throw new RunFolderException(
                $"{folder.Path}: the run stopped early after epoch {last.Epoch} (no validation gain; best epoch " +
                $"{stopped.EarlyStopping?.BestEpoch ?? 0}) and cannot be continued; start a new run to train longer");
        if (setup.Options.Epochs <= last.Epoch)
            throw new RunFolderException(
                $"{folder.Path}: the run has already finished {last.Epoch} epochs; pass --epochs N with N > {last.Epoch} to continue it");
        if (!last.Rngs.TryGetValue(Checkpoint.ShuffleRng, out var shuffleState))
            throw new CheckpointFormatException($"{folder.LastPath}: no '{Checkpoint.ShuffleRng}' Rng state, so the run cannot be resumed exactly");
        MlpTraining.CheckData(setup.Spec, train, test);
        setup.Policy.Validate();
        var model = last.BuildModel();
        last.RestoreDropoutStreams(model, folder.LastPath);
        var (fitTrain, validation) = MlpTraining.SplitValidation(train, setup.Policy, new RunSeeds(setup.Options.Seed));
        var optimizer = MlpTraining.CreateOptimizer(model, setup.Optimizer);
        OptimizerStates.Import(optimizer, last.Optimizer, folder.LastPath);
        var shuffle = new Rng(0);
        shuffle.SetState(shuffleState);
        var history = last.History.Where(h => h.Epoch <= last.Epoch).ToList();
        folder.WriteConfig(setup.ConfigJson);
        folder.WriteMetrics(history, validation is not null);
        var resume = new FitResume(last.Epoch, history, last.Fit);
        try
        {
            return Continue(folder, setup, model, optimizer, shuffle, resume, fitTrain, validation, test, onEpoch, onBatch, cancellationToken);
        }
        catch (FitStateException e)
        {
            // A stored schedule or early-stopping state that does not fit the run: name the file.
            throw new CheckpointFormatException($"{folder.LastPath}: {e.Message}", e);
        }
    }

    private static TrainingOutcome Continue(RunFolder folder, RunSetup setup, Module model, IOptimizer optimizer, Rng shuffle,
        FitResume? resume, InMemoryDataset train, InMemoryDataset? validation, InMemoryDataset test, Action<RunEpoch>? onEpoch,
        Action<BatchProgress>? onBatch, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var trainer = new Trainer(model, optimizer, setup.Options, setup.Policy);
        double best = (resume?.History ?? []).Select(SelectionMetric.Of).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max();
        void OnEpoch(FitEpoch e)
        {
            // Captured after the schedule and early stopping have seen the epoch, so the file is the exact boundary state.
            byte[] bytes = Capture(setup, e.Result.Epoch, model, optimizer, shuffle, e.History, trainer.ExportFitState()).ToBytes();
            bool isBest = SelectionMetric.Improves(SelectionMetric.Of(e.Result), best);
            if (isBest)
            {
                best = SelectionMetric.Of(e.Result);
                Checkpoint.WriteBytes(folder.BestPath, bytes);
            }
            Checkpoint.WriteBytes(folder.LastPath, bytes);
            folder.WriteMetrics(e.History, validation is not null);
            onEpoch?.Invoke(new RunEpoch(e.Result, e.History, model, isBest, e.StoppedEarly));
        }
        var history = trainer.Fit(train, validation, test, shuffle, resume, OnEpoch, onBatch, cancellationToken);
        return new TrainingOutcome(model, history, Stopwatch.GetElapsedTime(start).TotalSeconds, trainer.RestoredEpoch);
    }

    private static Checkpoint Capture(RunSetup setup, int epoch, Module model, IOptimizer optimizer, Rng shuffle,
        IReadOnlyList<EpochResult> history, FitState? fit) =>
        Checkpoint.Capture(setup.Spec, setup.ClassNames, epoch, model, optimizer,
            new Dictionary<string, RngState> { [Checkpoint.ShuffleRng] = shuffle.GetState() }, history, setup.ConfigJson, fit);
}
