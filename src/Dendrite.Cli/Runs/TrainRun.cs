using Dendrite.Cli.Output;
using Dendrite.Data;
using Dendrite.Training;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The run-folder side of <c>dendrite train</c>: creating the folder for a new run (--out, default
/// runs/&lt;timestamp&gt;) or continuing one (--resume), training with a report and plots after every epoch, and the
/// final plots. The run itself is the library's <see cref="RunTraining"/>.
/// </summary>
internal static class TrainRun
{
    /// <summary>
    /// Trains a new run in a folder created at <paramref name="path"/> (null: a fresh runs/&lt;timestamp&gt; under
    /// <paramref name="root"/>), locked while it trains; a run that fails before its first checkpoint leaves no
    /// folder behind.
    /// </summary>
    public static TrainingOutcome Start(string? path, string root, RunConfig config, RunData data, ITrainReporter reporter, RunView view)
    {
        if (!RunTraining.Writes(config))
        {
            // A non-zero rank of a data-parallel run: rank 0 creates and writes the folder.
            using RunFolder attached = RunFolder.Attach(path ?? root);
            return Train(attached, config, data, reporter, view, callbacks => RunTraining.Start(attached, config, data, callbacks));
        }
        bool existed = path is not null && Directory.Exists(path);
        using RunFolder folder = path is null ? RunFolder.CreateFresh(root, DateTime.Now) : RunFolder.Create(path);
        try
        {
            reporter.Note($"run folder: {folder.Path}");
            return Train(folder, config, data, reporter, view, callbacks => RunTraining.Start(folder, config, data, callbacks));
        }
        catch (Exception) when (!existed && !File.Exists(folder.LastPath))
        {
            folder.Dispose();
            TryDelete(folder.Path);
            throw;
        }
    }

    /// <summary>Continues the run in <paramref name="folder"/> from <paramref name="last"/> up to <paramref name="config"/>'s epochs.</summary>
    public static TrainingOutcome Resume(RunFolder folder, Checkpoint last, RunConfig stored, RunConfig config, RunData data, ITrainReporter reporter, RunView view)
    {
        reporter.Note($"resuming {folder.Path} after epoch {last.Epoch} of {config.Training.Epochs}");
        if (stored.Training.Epochs != config.Training.Epochs && config.Policy.Schedule?.Kind is LrScheduleKind.Cosine or LrScheduleKind.OneCycle)
            reporter.Note($"note: the {config.Policy.Schedule.Kind.ToString().ToLowerInvariant()} schedule was laid out over {stored.Training.Epochs} epochs and now " +
                $"continues over {config.Training.Epochs} from its current position, so the run will not match one started with --epochs {config.Training.Epochs}");
        return Train(folder, config, data, reporter, view, callbacks => RunTraining.Resume(folder, last, config, data, callbacks));
    }

    private static TrainingOutcome Train(RunFolder folder, RunConfig config, RunData data, ITrainReporter reporter, RunView view,
        Func<RunCallbacks, TrainingOutcome> run)
    {
        TaskKind task = data.Info.Task;
        bool writes = RunTraining.Writes(config);
        void OnEpoch(RunEpoch e)
        {
            reporter.Epoch(e.Result);
            if (e.Warning is not null) reporter.Note(e.Warning + " (--lr, --clip-grad)");
            if (writes) RunPlots.WriteLearningCurves(folder, e.History, task);
            RankFailureInjection.AfterEpoch(config.Training.DataParallel, e.Result.Epoch);
        }
        reporter.Start(view);
        TrainingOutcome outcome = reporter.Around(() => run(new RunCallbacks(OnEpoch, reporter.Batch)));
        if (outcome.Epochs.Count > 0 && outcome.Epochs[^1].Epoch < config.Training.Epochs)
            reporter.Note($"early stopping ended the run after epoch {outcome.Epochs[^1].Epoch}: no validation gain for {config.Policy.EarlyStopping?.Patience} epochs");
        // With early stopping the model now holds the best epoch's weights, so the final plots show that model;
        // last.safetensors keeps the last epoch's state (a valid resume point), best.safetensors the best epoch.
        if (writes) RunPlots.WriteFinal(folder, new TrainedModel(outcome.Model, data.Info), data.Fit.Test);
        return outcome;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more than an empty folder left behind.
        }
    }
}
