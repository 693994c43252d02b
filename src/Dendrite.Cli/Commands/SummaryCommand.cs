using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Cli.Runs;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite summary MODEL</c>: the layers, output shapes and parameter counts of a saved model.</summary>
internal sealed class SummaryCommand : ICommand
{
    public string Name => "summary";

    public string Summary => "list a saved model's layers, output shapes and parameter counts";

    private const string Description =
        "Prints what MODEL (a .safetensors file, or a run folder: its best.safetensors) is: its task and classes or\n" +
        "target, its input (images, features, or table columns and the features they expand to), and one row per layer\n" +
        "with its output shape for a batch of one sample and its parameter count.";

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
        string path = ModelSource.Resolve(o.Positionals[0]);
        TrainedModel model = TrainedModel.Load(path);
        ModelInfo info = model.Info;
        stdout.WriteLine($"model: {path}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"architecture: {model.DescribeLayers()}, trained {model.Epoch} epochs"));
        if (info.Task == TaskKind.Regression) stdout.WriteLine($"task: regression on '{info.TargetName ?? "target"}'");
        else stdout.WriteLine($"classes: {string.Join(", ", info.ClassNames!)}");
        switch (info.Input)
        {
            case ImageInput image:
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {image.Height}×{image.Width} images, pixels scaled by {image.Scale:G6}"));
                break;
            case FeatureInput features:
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {features.Count} features"));
                break;
            case TableInput table:
                FittedTarget? target = table.Preprocessor.Target;
                if (target is not null && info.Task == TaskKind.Classification) stdout.WriteLine($"task: classification of '{target.Name}'");
                if (target is { Log: true }) stdout.WriteLine("target: logged before standardizing");
                stdout.WriteLine($"id column: {table.IdColumn ?? "(none)"}");
                stdout.WriteLine($"columns: {string.Join(", ", table.Preprocessor.Columns.Select(c => $"{c.Name} ({c.Kind.ToString().ToLowerInvariant()})"))}");
                stdout.WriteLine($"features: {string.Join(", ", table.Preprocessor.FeatureNames)}");
                break;
        }
        stdout.WriteLine();
        stdout.Write(model.Module.Summary(1, info.Input.FeatureCount));
        return Cli.Success;
    }
}
