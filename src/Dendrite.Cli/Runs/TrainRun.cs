using Dendrite.Cli.Commands;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Data;
using Dendrite.Training;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The run-folder side of <c>dendrite train</c>: opening a run to resume (--resume), creating the folder for a new
/// one (--out, default runs/&lt;timestamp&gt;), and training with checkpoints and plots after every epoch.
/// </summary>
internal static class TrainRun
{
    /// <summary>Options that may be given together with --resume; everything else comes from the run's config.</summary>
    private static readonly HashSet<string> ResumeOverrides = new(StringComparer.Ordinal) { "resume", "epochs", "threads", "log-format", "data" };

    /// <summary>
    /// With --resume DIR: opens the run, loads last.safetensors and rebuilds the settings from the options stored
    /// in it, overridden by --epochs/--threads/--log-format/--data. Without --resume: null.
    /// </summary>
    public static ResumePoint? OpenResume(ParsedOptions parsed)
    {
        string? dir = parsed.Get("resume");
        if (dir is null) return null;
        // Every option that shapes the model or the training (the toolbox's too) comes from the run's config.
        string[] fixedOptions = ["out", "batch-size", "lr", "weight-decay", "hidden", "activation", "init", "seed", "engine",
            .. TrainExtraOptions.Specs.Select(spec => spec.Name)];
        foreach (string name in fixedOptions)
            if (parsed.Has(name) && !ResumeOverrides.Contains(name))
                throw new UsageException($"--{name} cannot be combined with --resume: a resumed run keeps the options in {Path.Combine(dir, RunFolder.ConfigFile)}", parsed.HelpCommand);
        RunFolder folder = RunFolder.Open(dir);
        Checkpoint last = Checkpoint.Load(folder.LastPath);
        if (last.ConfigJson is null)
            throw new RunFolderException($"{folder.LastPath}: has no run options ({CheckpointKeys.Config}); it is a model, not a run checkpoint");
        var values = TrainConfig.ReadOptions(last.ConfigJson, folder.LastPath);
        int storedEpochs = values.TryGetValue("epochs", out string? e) && int.TryParse(e, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : last.Epoch;
        // A data folder that has since moved is dropped: --data or the default search then finds the data.
        if (values.TryGetValue("data", out string? data) && !Directory.Exists(data)) values.Remove("data");
        foreach (string name in ResumeOverrides)
            if (parsed.Has(name) && name != "resume") values[name] = parsed.Get(name);
        if (!parsed.Has("threads")) values.Remove("threads"); // this machine's cores, not the original's
        var merged = new ParsedOptions(values, false, parsed.HelpCommand);
        return new ResumePoint(folder, last, TrainOptions.ToSettings(merged), merged, storedEpochs);
    }

    /// <summary>Trains a new run (or continues <paramref name="resume"/>), reporting each epoch and drawing the plots.</summary>
    public static TrainingOutcome Run(ResumePoint? resume, ParsedOptions parsed, TrainSettings s, TrainExtraSettings x, MlpSpec spec,
        FashionMnistData data, ITrainReporter reporter, CliServices services)
    {
        RunFolder folder = resume?.Folder ?? RunFolder.Create(parsed.Get("out") ?? RunFolder.DefaultPath(services.RunsRoot, DateTime.Now));
        reporter.Note(resume is null
            ? $"run folder: {folder.Path}"
            : $"resuming {folder.Path} after epoch {resume.Last.Epoch} of {s.Epochs}");
        if (resume is not null && resume.StoredEpochs != s.Epochs && x.Policy.Schedule?.Kind is LrScheduleKind.Cosine or LrScheduleKind.OneCycle)
            reporter.Note($"note: the {x.Policy.Schedule.Kind.ToString().ToLowerInvariant()} schedule was laid out over {resume.StoredEpochs} epochs and now " +
                $"continues over {s.Epochs} from its current position, so the run will not match one started with --epochs {s.Epochs}");
        IReadOnlyList<string> classNames = resume?.Last.ClassNames ?? ClassNamesFor(spec.Classes);
        var setup = new RunSetup(spec, x.Optimizer,
            new TrainerOptions(Epochs: s.Epochs, BatchSize: s.BatchSize, Seed: s.Seed, Engine: s.Engine), x.Policy,
            classNames, TrainConfig.Write(s, x, spec, folder.Path));
        void OnEpoch(RunEpoch e)
        {
            reporter.Epoch(e.Result);
            RunPlots.WriteLearningCurves(folder, e.History);
        }
        reporter.Start();
        TrainingOutcome outcome = reporter.Around(() => resume is null
            ? RunTraining.Start(folder, setup, data.Train, data.Test, OnEpoch, onBatch: reporter.Batch)
            : RunTraining.Resume(folder, resume.Last, setup, data.Train, data.Test, OnEpoch, onBatch: reporter.Batch));
        if (outcome.Epochs.Count > 0 && outcome.Epochs[^1].Epoch < s.Epochs)
            reporter.Note($"early stopping ended the run after epoch {outcome.Epochs[^1].Epoch}: no validation gain for {x.Policy.EarlyStopping?.Patience} epochs");
        // With early stopping the model now holds the best epoch's weights, so the final plots show that model;
        // last.safetensors keeps the last epoch's state (a valid resume point), best.safetensors the best epoch.
        RunPlots.WriteFinal(folder, outcome.Model, data.Test, classNames);
        return outcome;
    }

    /// <summary>Fashion-MNIST's names for a 10-class model, "0", "1", … otherwise.</summary>
    public static IReadOnlyList<string> ClassNamesFor(int classes) =>
        classes == FashionMnist.ClassNames.Count ? FashionMnist.ClassNames : Checkpoint.DefaultClassNames(classes);
}
