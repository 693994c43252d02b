using Dendrite.Cli.Options;
using Dendrite.Data;
using Dendrite.Onnx;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite import MODEL.onnx --out FILE.safetensors</c>: rebuilds an ONNX MLP (as PyTorch's exporter writes it) as a
/// Dendrite model file that eval, predict, summary and train's fine-tuning read like any other.
/// </summary>
internal sealed class ImportCommand : ICommand
{
    public string Name => "import";

    public string Summary => "turn an ONNX MLP (e.g. from torch.onnx.export) into a Dendrite model file";

    private const string Description =
        "Reads MODEL.onnx and writes it as a Dendrite .safetensors model to FILE. Supported: MLPs as PyTorch's\n" +
        "torch.onnx.export writes them (Gemm or MatMul+Add, Flatten, BatchNormalization, LayerNormalization, the\n" +
        "activation ops, GELU through Erf or Tanh, SiLU, Mish, GLU) and files written by 'dendrite export\n" +
        "--network-only'; anything else is refused with the op and node named. The task and class names come from the\n" +
        "options, else from the file's Dendrite metadata, else a classifier with classes 0, 1, ….";

    private static readonly OptionParser Parser = new("import",
    [
        new("out", "FILE", "where to write the Dendrite model (.safetensors, required)"),
        new("task", "TASK", "classification|regression: what the outputs mean (default: the file's metadata, else classification)"),
        new("classes", "NAMES", "comma-separated class names, one per output (classification)"),
    ], ["MODEL"]);

    private static readonly Dictionary<string, TaskKind> Tasks = new() { ["classification"] = TaskKind.Classification, ["regression"] = TaskKind.Regression };

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 1) throw new UsageException("import needs one MODEL argument (an .onnx file)", Parser.HelpCommand);
        string output = o.Get("out") ?? throw new UsageException("import needs --out FILE", Parser.HelpCommand);
        TaskKind? task = o.Has("task") ? ValueParsers.Choice(o, "task", TaskKind.Classification, Tasks) : null;
        string[]? classes = o.Get("classes")?.Split(',', StringSplitOptions.TrimEntries);
        if (classes is not null && task == TaskKind.Regression) throw new UsageException("--classes applies to classification only", Parser.HelpCommand);
        if (classes is not null && classes.Any(c => c.Length == 0)) throw o.Error("classes", "must be comma-separated non-empty names");

        TrainedModel model = OnnxModel.Import(o.Positionals[0], new OnnxImportOptions { Task = task, ClassNames = classes });
        model.Save(output);
        string meaning = model.Info.Task == TaskKind.Regression ? "regression" : $"classification into {model.Info.ClassNames!.Count} classes";
        stdout.WriteLine($"wrote {output}: {model.Describe()} ({string.Join(", ", model.Module.Modules().Skip(1).Select(m => m.GetType().Name))}), {meaning}");
        return Cli.Success;
    }
}
