using System.Diagnostics;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Objectives;
using Microsoft.Extensions.Logging;

namespace Dendrite.Training.Runs;

/// <summary>
/// Trains a <see cref="RunConfig"/> inside a <see cref="RunFolder"/>, checkpointing at every epoch boundary so that a
/// run can be resumed with bit-identical results, whatever the task, data source, optimizer, schedule, regularization
/// or validation options. The state at a boundary is: weights and buffers, optimizer state (with its current learning
/// rate), the shuffle Rng and every Dropout layer's Rng, the trainer's <see cref="FitState"/> (schedule position,
/// plateau and early-stopping trackers with the best weights, whether the run stopped early), and the epoch. The
/// DataLoader draws each epoch's permutation from the shuffle Rng at the epoch's start, so restoring that Rng restores
/// the order of every later epoch; the validation split and a table's preprocessing are recomputed from the config.
/// </summary>
/// <remarks>
/// Per epoch, in this order: best.safetensors (when the <see cref="SelectionMetric"/> improves), last.safetensors,
/// metrics.csv, then the callback. A kill between any two steps leaves a valid last checkpoint; resuming from it
/// redoes at most one epoch and rewrites the same bytes (timings aside). A diverged epoch (non-finite loss or
/// weights) writes nothing, so the folder keeps only finite checkpoints. Schedules that span the whole run (cosine,
/// onecycle) are laid out over the configured epochs; a resume that raises the total re-lays them over the new total
/// from the current position, so bit-identity with an uninterrupted run holds when the total is unchanged.
/// </remarks>
public static class RunTraining
{
    /// <summary>
    /// Starts a new run in <paramref name="folder"/>: builds the model from the seed, writes the epoch-0 checkpoint
    /// (so the folder is a valid run from the first moment), config.json and an empty metrics.csv, then trains.
    /// </summary>
    public static TrainingOutcome Start(RunFolder folder, RunConfig config, RunData data, RunCallbacks? callbacks = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        var seeds = new RunSeeds(config.Seed);
        Sequential model = BuildModel(config, data, seeds.Init, seeds.Dropout);
        IOptimizer optimizer = CreateOptimizer(model, config.Optimizer);
        Objective objective = CreateObjective(config, data);
        // The trainer is built before anything is written, so a setting it refuses leaves the folder untouched.
        var run = new Run(folder, config, data, model, optimizer, objective, logger);
        if (Writes(config))
        {
            Checkpoint.WriteBytes(folder.LastPath, run.Capture(0, seeds.Shuffle, [], null).ToBytes());
            folder.WriteConfig(run.ConfigText);
            folder.WriteMetrics([], objective.Task, data.Fit.Validation is not null);
        }
        return run.Train(seeds.Shuffle, null, callbacks, cancellationToken);
    }

    /// <summary>
    /// Continues the run in <paramref name="folder"/> from <paramref name="last"/> (its last.safetensors) up to
    /// <paramref name="config"/>'s epochs in total. The config must describe the same model and data as the run's.
    /// A run that early stopping has ended is not continued.
    /// </summary>
    public static TrainingOutcome Resume(RunFolder folder, Checkpoint last, RunConfig config, RunData data, RunCallbacks? callbacks = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        if (last.Fit is { StoppedEarly: true } stopped)
            throw new RunFolderException(
                $"{folder.Path}: the run stopped early after epoch {last.Epoch} (no validation gain; best epoch " +
                $"{stopped.EarlyStopping?.BestEpoch ?? 0}) and cannot be continued; start a new run to train longer");
        if (config.Training.Epochs <= last.Epoch)
            throw new RunFolderException($"{folder.Path}: the run has already finished {last.Epoch} epochs; ask for more than {last.Epoch} epochs to continue it");
        if (!last.Rngs.TryGetValue(Checkpoint.ShuffleRng, out var shuffleState))
            throw new CheckpointFormatException($"{folder.LastPath}: no '{Checkpoint.ShuffleRng}' Rng state, so the run cannot be resumed exactly");
        Sequential model = BuildModel(config, data, new Rng(0), new Rng(0));
        if (!model.ToConfig()!.Equals(last.Architecture))
            throw new RunFolderException($"{folder.Path}: the checkpoint holds a different model ({Describe(last.Architecture)}) than the run's config and data build ({Describe(model.ToConfig()!)})");
        if (last.Info.Input is TableInput saved && data.Preprocessor is { } fitted && saved.Preprocessor.ToJson() != fitted.ToJson())
            throw new RunFolderException($"{folder.Path}: the table's preprocessing fitted now differs from the run's; the CSV file changed since the run started");
        last.LoadInto(model, folder.LastPath);
        last.RestoreDropoutStreams(model, folder.LastPath);
        IOptimizer optimizer = CreateOptimizer(model, config.Optimizer);
        OptimizerStates.Import(optimizer, last.Optimizer, folder.LastPath);
        var shuffle = new Rng(0);
        shuffle.SetState(shuffleState);
        Objective objective = CreateObjective(config, data);
        var run = new Run(folder, config, data, model, optimizer, objective, logger);
        var history = last.History.Where(h => h.Epoch <= last.Epoch).ToList();
        if (Writes(config))
        {
            folder.WriteConfig(run.ConfigText);
            folder.WriteMetrics(history, objective.Task, data.Fit.Validation is not null);
        }
        try
        {
            return run.Train(shuffle, new FitResume(last.Epoch, history, last.Fit), callbacks, cancellationToken);
        }
        catch (FitStateException e)
        {
            // A stored schedule or early-stopping state that does not fit the run: name the file.
            throw new CheckpointFormatException($"{folder.LastPath}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Whether this process writes the run folder: always, except on the non-zero ranks of a data-parallel run
    /// (<see cref="TrainerOptions.DataParallel"/>), which train the same model and leave the files to rank 0.
    /// </summary>
    public static bool Writes(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Training.DataParallel is not { Rank: > 0 };
    }

    /// <summary>The run's model: the config's recipe for the data's width and outputs, initialized from <paramref name="init"/>.</summary>
    public static Sequential BuildModel(RunConfig config, RunData data, Rng init, Rng? dropout)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        MlpSpec spec = config.Model.ForData(data.Fit.Train.FeatureCount, data.Outputs);
        spec.Validate();
        return spec.Build(init, dropout);
    }

    /// <summary>The run's objective, for the data's task (balanced class weights come from the training labels).</summary>
    public static Objective CreateObjective(RunConfig config, RunData data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        // A streamed run holds only a sample of its training labels, which would weigh the classes wrongly.
        if (data.Fit.TrainStream is not null && config.Objective.ClassWeight != Objectives.ClassWeighting.None)
            throw new DendriteException("class weights are not computed for a streamed table yet; train in memory, or without class weights");
        return config.Objective.Create(data.Fit.Train, data.Outputs, data.Preprocessor?.Target);
    }

    /// <summary>The optimizer for <paramref name="model"/>'s parameters; an invalid setting is a user error.</summary>
    public static IOptimizer CreateOptimizer(Module model, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return OptimizerFactory.Create(model.Parameters(), settings);
        }
        catch (ArgumentException e)
        {
            throw new DendriteException($"optimizer {OptimizerFactory.NameOf(settings.Kind)}: {e.Message.Split('\n')[0]}");
        }
    }

    private static string Describe(LayerConfig config) => config is SequentialConfig s
        ? $"{s.Layers.Count} layers, {config.StateShapes().Sum(x => x.ElementCount):N0} values"
        : config.Type;

    /// <summary>One run's moving parts, and the checkpointing around each epoch.</summary>
    private sealed class Run(RunFolder folder, RunConfig config, RunData data, Module model, IOptimizer optimizer, Objective objective, ILogger? logger)
    {
        private readonly Trainer _trainer = new(model, optimizer, config.Training, config.Policy, objective, logger);

        public string ConfigText { get; } = RunConfigJson.Write(config,
        [
            new("dendrite_version", Version),
            new("selection_metric", SelectionMetric.Name(objective.Goal, data.Fit.Validation is not null)),
            new("selection_note", SelectionMetric.Note(data.Fit.Validation is not null)),
        ], model.ToConfig());

        public Checkpoint Capture(int epoch, Rng shuffle, IReadOnlyList<EpochResult> history, FitState? fit) =>
            Checkpoint.Capture(model, data.Info, epoch, optimizer, new Dictionary<string, RngState> { [Checkpoint.ShuffleRng] = shuffle.GetState() },
                history, config, fit);

        public TrainingOutcome Train(Rng shuffle, FitResume? resume, RunCallbacks? callbacks, CancellationToken cancellationToken)
        {
            long start = Stopwatch.GetTimestamp();
            Trainer trainer = _trainer;
            MetricGoal goal = objective.Goal;
            double minDelta = config.Policy.EarlyStopping?.MinDelta ?? 0;
            double best = (resume?.History ?? []).Select(h => SelectionMetric.Of(h, goal)).Aggregate(double.NaN,
                (b, v) => goal.Improves(v, b, minDelta) ? v : b);
            IReadOnlyList<EpochResult> history = resume?.History ?? [];
            bool writes = Writes(config);
            foreach (FitEpoch e in trainer.Run(data.Fit, shuffle, resume, callbacks?.Batch, cancellationToken))
            {
                if (!writes)
                {
                    history = e.History;
                    callbacks?.Epoch?.Invoke(new RunEpoch(e.Result, e.History, model, false, e.StoppedEarly, e.Warning));
                    continue;
                }
                // Captured after the schedule and early stopping have seen the epoch, so the file is the exact boundary state.
                byte[] bytes = Capture(e.Result.Epoch, shuffle, e.History, trainer.ExportFitState()).ToBytes();
                double value = SelectionMetric.Of(e.Result, goal);
                // With early stopping, "best" means what its tracker means (a gain above its min delta), so
                // best.safetensors holds the weights early stopping restores.
                bool isBest = goal.Improves(value, best, minDelta);
                if (isBest)
                {
                    best = value;
                    Checkpoint.WriteBytes(folder.BestPath, bytes);
                }
                Checkpoint.WriteBytes(folder.LastPath, bytes);
                folder.WriteMetrics(e.History, objective.Task, data.Fit.Validation is not null);
                history = e.History;
                callbacks?.Epoch?.Invoke(new RunEpoch(e.Result, e.History, model, isBest, e.StoppedEarly, e.Warning));
            }
            return new TrainingOutcome(model, [.. history], Stopwatch.GetElapsedTime(start).TotalSeconds, trainer.RestoredEpoch);
        }

        private static string Version => typeof(RunTraining).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
    }
}
