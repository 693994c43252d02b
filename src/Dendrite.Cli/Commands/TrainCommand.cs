using System.Globalization;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite train</c>: trains an MLP classifier on Fashion-MNIST with SGD and reports each epoch.
/// The defaults reproduce the d2l reference run (784-256-10, ReLU, N(0, 0.01²) weights, lr 0.1, batch 256, 10 epochs).
/// </summary>
internal sealed class TrainCommand : ICommand
{
    public string Name => "train";

    public string Summary => "train an MLP classifier on Fashion-MNIST";

    private const string Description =
        "Trains an MLP (or softmax regression with --hidden none) on Fashion-MNIST with minibatch SGD and\n" +
        "reports train loss, train accuracy and test accuracy after every epoch. The defaults reproduce the\n" +
        "d2l reference run: 784-256-10, ReLU, weights N(0, 0.01²), biases 0, lr 0.1, batch 256, 10 epochs.\n" +
        "Every run writes a run folder (--out, default runs/<timestamp>) that --resume continues bit-identically;\n" +
        "with --lr-schedule cosine or onecycle, raising --epochs on resume re-lays the schedule over the new total.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        if (!args.Any(a => a is "--help" or "-h")) args = TrainConfigFile.Expand(args, TrainOptions.Parser);
        var parsed = TrainOptions.Parser.Parse(args);
        if (TabularTrainCommand.Applies(parsed)) return TabularTrainCommand.Run(parsed, stdout, stderr, services);
        if (parsed.HelpRequested)
        {
            stdout.Write(TrainOptions.Parser.Help(Description));
            return Cli.Success;
        }
        ResumePoint? resume = TrainRun.OpenResume(parsed);
        TrainSettings s = resume?.Settings ?? TrainOptions.ToSettings(parsed);
        // A resumed run takes every model and training option from its config (merged with the allowed overrides).
        TrainExtraSettings x = TrainExtraOptions.ToSettings(resume?.Options ?? parsed, s);
        ITrainReporter reporter = s.LogFormat == LogFormat.Json ? new JsonTrainReporter(stdout, stderr)
            : services.Interactive ? new ProgressTrainReporter(stdout) : new TextTrainReporter(stdout);

        var data = services.LoadData(s.DataDirectory, reporter.Note);
        reporter.Note(string.Create(CultureInfo.InvariantCulture,
            $"data: {data.Source} ({data.Train.Count:N0} train, {data.Test.Count:N0} test)"));

        var spec = new MlpSpec(data.Train.FeatureCount, s.Hidden, Math.Max(data.Train.ClassCount, data.Test.ClassCount),
            s.Activation, s.Init, x.ActivationName, x.Dropout, x.BatchNorm);
        reporter.Note(string.Create(CultureInfo.InvariantCulture,
            $"model: {spec.Describe()} {spec.ActivationLabel}, init {s.Init}, {TrainExtraNotes.ParameterCount(spec):N0} parameters{TrainExtraNotes.Model(x)}; " +
            $"{TrainExtraNotes.Optimizer(x.Optimizer)}{TrainExtraNotes.Policy(x.Policy)}; batch {s.BatchSize}, {s.Epochs} epochs, seed {s.Seed}, {s.Threads} threads, {s.Engine.ToString().ToLowerInvariant()} engine"));

        Kernels.Threading.KernelThreads.Count = s.Threads;
        TrainingOutcome outcome = TrainRun.Run(resume, parsed, s, x, spec, data, reporter, services);
        reporter.Done(outcome);
        return Cli.Success;
    }
}
