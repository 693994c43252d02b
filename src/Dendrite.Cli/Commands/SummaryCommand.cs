using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Cli.Runs;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite summary MODEL</c>: the layers, output shapes and parameter counts of a saved model.</summary>
internal sealed class SummaryCommand : ICommand
{
    public string Name => "summary";

    public string Summary => "list a saved model's layers, output shapes and parameter counts";

    private const string Description =
        "Prints the architecture stored in MODEL (a .safetensors file, or a run folder: its best.safetensors): one\n" +
        "row per layer with its output shape for a batch of one sample and its parameter count. For a tabular model\n" +
        "(train --csv) it also lists the task, the input columns and the features they expand to.";

    private static readonly OptionParser Parser = new("summary", [], ["MODEL"]);

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 1) throw new UsageException("summary needs one MODEL argument", Parser.HelpCommand);
        if (TabularPredict.Resolve(o.Positionals[0]) is { } tabular) return TabularPredict.Summary(tabular, stdout);
        var (path, checkpoint) = ModelSource.Load(o.Positionals[0]);
        var spec = checkpoint.Spec;
        stdout.WriteLine($"model: {path}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"architecture: {spec.Describe()} {spec.ActivationLabel}{(spec.BatchNorm ? ", batchnorm" : "")}{(spec.Dropout > 0f ? $", dropout {spec.Dropout}" : "")}, trained {checkpoint.Epoch} epochs"));
        stdout.WriteLine($"classes: {string.Join(", ", checkpoint.ClassNames)}");
        stdout.WriteLine();
        stdout.Write(checkpoint.BuildModel().Summary(1, spec.Inputs));
        return Cli.Success;
    }
}
