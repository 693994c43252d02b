using Dendrite.Cli.Options;
using Dendrite.Cli.Runs;
using Dendrite.Onnx;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite export MODEL_OR_RUN --format onnx --out FILE</c>: writes a saved model as ONNX (for ONNX Runtime and
/// the tools around it), or as a plain safetensors model file (the network's tensors only, for PyTorch).
/// </summary>
internal sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "write a saved model as ONNX, or as a plain safetensors file for PyTorch";

    private const string Description =
        "Writes MODEL_OR_RUN (a .safetensors model or checkpoint, or a run folder: its best.safetensors) to FILE.\n" +
        "--format onnx (the default) writes an ONNX model (opset 17, dynamic batch): a classifier outputs 'logits' and\n" +
        "'probabilities', a regressor 'prediction'; class names, task and Dendrite version are in its metadata. The graph\n" +
        "takes raw input: a table model's raw columns (one input per column, [N,1]: numeric float with NaN for missing,\n" +
        "categorical string) with the fitted preprocessing inside, and regression outputs in target units; an image\n" +
        "model's raw pixels (0-255), scaled inside. --network-only exports the network alone on preprocessed features\n" +
        "(a table's preprocessing then goes to FILE.preprocessing.json).\n" +
        "--format safetensors writes the model without training state (optimizer moments, early-stopping weights): its\n" +
        "tensors load into the same torch.nn.Sequential with load_state_dict(strict=True) (see docs/pytorch.md).";

    private static readonly OptionParser Parser = new("export",
    [
        new("out", "FILE", "where to write the exported model (required)"),
        new("format", "FORMAT", "onnx|safetensors (default onnx)"),
        new("network-only", null, "ONNX: export the network alone, without the preprocessing of pixels or table columns"),
    ], ["MODEL_OR_RUN"]);

    private static readonly Dictionary<string, string> Formats = new() { ["onnx"] = "onnx", ["safetensors"] = "safetensors" };

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 1) throw new UsageException("export needs one MODEL_OR_RUN argument", Parser.HelpCommand);
        string output = o.Get("out") ?? throw new UsageException("export needs --out FILE", Parser.HelpCommand);
        string format = ValueParsers.Choice(o, "format", "onnx", Formats);
        if (format == "safetensors" && o.Has("network-only"))
            throw new UsageException("--network-only applies to --format onnx only", Parser.HelpCommand);

        string path = ModelSource.Resolve(o.Positionals[0]);
        TrainedModel model = TrainedModel.Load(path);
        if (format == "safetensors")
        {
            model.Save(output);
            stdout.WriteLine($"wrote {output}: {model.Describe()}, the network's tensors only (loads into torch.nn.Sequential with strict=True)");
            return Cli.Success;
        }
        OnnxExportResult result = OnnxModel.Export(model, output, new OnnxExportOptions { NetworkOnly = o.Has("network-only") });
        stdout.WriteLine($"wrote {output}: {model.Describe()}, ONNX opset {OnnxModel.Opset}; inputs {Names(result.Inputs)}; outputs {Names(result.Outputs)}");
        if (result.Note is not null) stdout.WriteLine($"note: {result.Note}");
        return Cli.Success;
    }

    /// <summary>"a, b, c" or "a, b, … (12 in all)": a table may have many columns.</summary>
    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(6))}, … ({names.Count} in all)";
}
