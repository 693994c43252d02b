using Dendrite.Cli.Commands;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Data;
using Dendrite.Optim;
using Dendrite.Training;
using Dendrite.Training.Checkpoints;
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
        foreach (string name in new[] { "out", "epochs", "batch-size", "lr", "weight-decay", "hidden", "activation", "init", "seed", "engine" })
            if (parsed.Has(name) && !ResumeOverrides.Contains(name))
                throw new UsageException($"--{name} cannot be combined with --resume: a resumed run keeps the options in {Path.Combine(dir, RunFolder.ConfigFile)}", parsed.HelpCommand);
        RunFolder folder = RunFolder.Open(dir);
        Checkpoint last = Checkpoint.Load(folder.LastPath);
        if (last.ConfigJson is null)
            throw new RunFolderException($"{folder.LastPath}: has no run options ({CheckpointKeys.Config}); it is a model, not a run checkpoint");
        var values = TrainConfig.ReadOptions(last.ConfigJson, folder.LastPath);
        // A data folder that has since moved is dropped: --data or the default search then finds the data.
        if (values.TryGetValue("data", out string? data) && !Directory.Exists(data)) values.Remove("data");
        foreach (string name in ResumeOverrides)
            if (parsed.Has(name) && name != "resume") values[name] = parsed.Get(name);
        if (!parsed.Has("threads")) values.Remove("threads"); // this machine's cores, not the original's
        var merged = new ParsedOptions(values, false, parsed.HelpCommand);
        return new ResumePoint(folder, last, TrainOptions.ToSettings(merged));
    }

    /// <summary>Trains a new run (or continues <paramref name="resume"/>), reporting each epoch and drawing the plots.</summary>
    public static TrainingOutcome Run(ResumePoint? resume, ParsedOptions parsed, TrainSettings s, MlpSpec spec,
        FashionMnistData data, ITrainReporter reporter, CliServices services)
    {
        RunFolder folder = resume?.Folder ?? RunFolder.Create(parsed.Get("out") ?? RunFolder.DefaultPath(services.RunsRoot, DateTime.Now));
        reporter.Note(resume is null
            ? $"run folder: {folder.Path}"
            : $"resuming {folder.Path} after epoch {resume.Last.Epoch} of {s.Epochs}");
        IReadOnlyList<string> classNames = resume?.Last.ClassNames ?? ClassNamesFor(spec.Classes);
        var setup = new RunSetup(spec, new SgdOptions(s.LearningRate, s.WeightDecay),
            new TrainerOptions(Epochs: s.Epochs, BatchSize: s.BatchSize, Seed: s.Seed, Engine: s.Engine),
            classNames, TrainConfig.Write(s, spec, folder.Path));
        void OnEpoch(RunEpoch e)
        {
            reporter.Epoch(e.Result);
            RunPlots.WriteLearningCurves(folder, e.History);
        }
        reporter.Start();
        TrainingOutcome outcome = reporter.Around(() => resume is null
            ? RunTraining.Start(folder, setup, data.Train, data.Test, OnEpoch, onBatch: reporter.Batch)
            : RunTraining.Resume(folder, resume.Last, setup, data.Train, data.Test, OnEpoch, onBatch: reporter.Batch));
        RunPlots.WriteFinal(folder, outcome.Model, data.Test, classNames);
        return outcome;
    }

    /// <summary>Fashion-MNIST's names for a 10-class model, "0", "1", … otherwise.</summary>
    public static IReadOnlyList<string> ClassNamesFor(int classes) =>
        classes == FashionMnist.ClassNames.Count ? FashionMnist.ClassNames : Checkpoint.DefaultClassNames(classes);
}
