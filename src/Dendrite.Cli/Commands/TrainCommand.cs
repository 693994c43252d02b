using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Distributed;
using Dendrite.Tensors;
using Dendrite.Training;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite train</c>: trains an MLP on Fashion-MNIST or on a CSV table in a run folder, reporting each epoch.
/// Maps the flags to a <see cref="RunConfig"/>, loads the data, and lets <see cref="RunTraining"/> train; a resumed run
/// takes its config from the run's last checkpoint.
/// </summary>
internal sealed class TrainCommand : ICommand
{
    public string Name => "train";

    public string Summary => "train an MLP on Fashion-MNIST or a CSV table (or Parquet), in a run folder you can resume";

    private const string Description =
        "Trains an MLP (or softmax/linear regression with --hidden none) and reports the training loss and the test\n" +
        "metrics after every epoch: accuracy for classification, RMSE/MAE/R²/log-RMSE for regression. Without --csv it\n" +
        "trains on Fashion-MNIST, and the defaults reproduce the d2l reference run: 784-256-10, ReLU, weights\n" +
        "N(0, 0.01²), biases 0, SGD lr 0.1, batch 256, 10 epochs. With --csv FILE --target COLUMN it trains on a table:\n" +
        "column types are inferred, missing values filled, numbers standardized and categories one-hot encoded, all\n" +
        "fitted on the training rows only; the task (classification or regression) follows from the target column.\n" +
        "FILE may be CSV or Parquet (recognized by its magic bytes, whatever its name): a Parquet file's numbers,\n" +
        "booleans (1/0) and strings are read as a CSV of the same values would be, nulls as missing values.\n" +
        "Every run writes a run folder (--out, default runs/<timestamp>) with config.json, metrics.csv, last and best\n" +
        "checkpoints and plots; --resume continues it bit-identically (with --lr-schedule cosine or onecycle, raising\n" +
        "--epochs on resume re-lays the schedule over the new total). With --distributed, under mpiexec -n N, N\n" +
        "processes train data-parallel: each computes the gradients of its 1/N of every global batch, they are summed\n" +
        "over MPI before every step, and the result matches one process up to float rounding.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        OptionParser parser = TrainOptions.Parser;
        var origins = new Dictionary<string, string>();
        if (!args.Any(a => a is "--help" or "-h")) (args, origins) = ConfigFile.Expand(args, parser);
        ParsedOptions o = parser.Parse(args, origins);
        if (o.HelpRequested)
        {
            stdout.Write(parser.Help(Description));
            return Cli.Success;
        }
        if (!o.Has("distributed"))
        {
            if (o.Has("distributed-timeout")) throw new UsageException("--distributed-timeout needs --distributed", o.HelpCommand);
            return Run(o, parser, stdout, stderr, services, null);
        }
        int timeout = ValueParsers.PositiveInt(o, "distributed-timeout", 120);
        using MpiGroup group = MpiGroup.Start(TimeSpan.FromSeconds(timeout), stderr);
        try
        {
            return Run(o, parser, stdout, stderr, services, group);
        }
        catch (Exception e) when (group.Size > 1)
        {
            // The other ranks would wait for this one in their next reduction: end the whole job, naming this rank.
            bool user = e is DendriteException or UsageException or ShapeMismatchException;
            group.Abort(user ? Cli.OneLine(e.Message) : $"{e.GetType().Name}: {Cli.OneLine(e.Message)}", user ? Cli.UserError : 1);
            throw;
        }
    }

    private static int Run(ParsedOptions o, OptionParser parser, TextWriter stdout, TextWriter stderr, CliServices services, MpiGroup? group)
    {
        services = TrainOptions.WithIdxLimit(o, services);
        int threads = TrainOptions.ParseThreads(o);
        LogFormat format = TrainOptions.ParseFormat(o);
        ITrainReporter reporter = group is { Rank: > 0 } ? new SilentTrainReporter()
            : format == LogFormat.Json ? new JsonTrainReporter(stdout, stderr)
            : services.Interactive ? new ProgressTrainReporter(stdout) : new TextTrainReporter(stdout);

        RunFolder? folder = null;
        Checkpoint? last = null;
        RunConfig config;
        if (o.Get("resume") is { } dir)
        {
            foreach (OptionSpec spec in parser.Specs)
                if (o.Has(spec.Name) && !TrainOptions.ResumeOverrides.Contains(spec.Name))
                    throw new UsageException($"--{spec.Name} cannot be combined with --resume: a resumed run keeps the settings in {Path.Combine(dir, RunFolder.ConfigFile)}", o.HelpCommand);
            // Rank 0 locks and writes the folder; the other ranks only read its checkpoint.
            using (folder = group is { Rank: > 0 } ? RunFolder.Attach(dir) : RunFolder.Open(dir))
            {
                last = Checkpoint.Load(folder.LastPath);
                RunConfig stored = last.Config
                    ?? throw new RunFolderException($"{folder.LastPath}: has no run config ({CheckpointKeys.Config}); it is a model, not a run checkpoint");
                config = WithGroup(TrainOptions.WithResumeOverrides(stored, o), group);
                return Train(config, stored, folder, last, o, threads, reporter, services);
            }
        }
        config = WithGroup(TrainOptions.ToConfig(o), group);
        return Train(config, config, folder, last, o, threads, reporter, services);
    }

    private static RunConfig WithGroup(RunConfig config, MpiGroup? group) =>
        group is null ? config : config with { Training = config.Training with { DataParallel = group } };

    private static int Train(RunConfig config, RunConfig stored, RunFolder? folder, Checkpoint? last, ParsedOptions o, int threads,
        ITrainReporter reporter, CliServices services)
    {
        RunData data = RunDataSource.Load(config, services, reporter.Note, last?.Info.ClassNames);
        TrainOptions.CheckForData(o, config, data);
        reporter.Note($"data: {data.Description}");
        foreach (string note in data.Notes) reporter.Note(note.Replace("name it as the id column", "pass it as --id-column", StringComparison.Ordinal));
        reporter.Note(RunNotes.Model(config, data, threads));
        if (config.Training.DataParallel is MpiGroup group)
        {
            long[] pids = group.ProcessIds(); // a collective: every rank takes part, only rank 0's reporter prints
            reporter.Note(RunNotes.Distributed(group, config.Training.BatchSize, pids));
        }
        Kernels.Threading.KernelThreads.Count = threads;
        var view = new RunView(data.Info.Task, config.Data is CsvSource, data.SkippedRows);
        TrainingOutcome outcome;
        try
        {
            outcome = folder is null || last is null
                ? TrainRun.Start(o.Get("out"), services.RunsRoot, config, data, reporter, view)
                : TrainRun.Resume(folder, last, stored, config, data, reporter, view);
        }
        catch (TrainingDivergedException e)
        {
            throw new DendriteException($"{e.Message} (--lr, --clip-grad); the run folder keeps the last finite checkpoint", e);
        }
        reporter.Done(outcome);
        if (config.Data is CsvSource && o.Get("out") is { } outDir) reporter.Note($"predict with: dendrite predict {outDir} FILE.csv");
        return Cli.Success;
    }
}
