using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Training.Reports;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite eval MODEL_OR_RUN</c>: loss, accuracy, per-class precision/recall/F1 and the confusion matrix of a
/// saved model on the Fashion-MNIST test set (or the training set with --split train).
/// </summary>
internal sealed class EvalCommand : ICommand
{
    public string Name => "eval";

    public string Summary => "evaluate a saved model: accuracy, per-class scores, confusion matrix";

    private const string Description =
        "Evaluates MODEL_OR_RUN (a .safetensors model, or a run folder: its best.safetensors) on the test set and\n" +
        "reports the mean cross-entropy, accuracy, per-class precision, recall and F1, and the confusion matrix\n" +
        "(rows: true class, columns: predicted class).";

    private static readonly OptionParser Parser = new("eval",
    [
        new("data", "DIR", "folder holding the Fashion-MNIST *-ubyte.gz files (default: search cache and system folders)"),
        new("split", "NAME", "test|train: which split to evaluate (default test)"),
        new("log-format", "FORMAT", "text|json; json prints one object on stdout (default text)"),
    ], ["MODEL_OR_RUN"]);

    private static readonly Dictionary<string, LogFormat> Formats = new() { ["text"] = LogFormat.Text, ["json"] = LogFormat.Json };
    private static readonly Dictionary<string, bool> Splits = new() { ["test"] = true, ["train"] = false };

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 1) throw new UsageException("eval needs one MODEL_OR_RUN argument", Parser.HelpCommand);
        string? dataDir = o.Get("data");
        if (dataDir is not null && !Directory.Exists(dataDir)) throw o.Error("data", "must be an existing folder");
        LogFormat format = ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats);
        bool test = ValueParsers.Choice(o, "split", true, Splits);
        TextWriter notes = format == LogFormat.Json ? stderr : stdout;

        var (path, checkpoint) = ModelSource.Load(o.Positionals[0]);
        var data = services.LoadData(dataDir, notes.WriteLine);
        var split = test ? data.Test : data.Train;
        if (split.FeatureCount != checkpoint.Spec.Inputs)
            throw new DendriteException($"{path}: the model takes {checkpoint.Spec.Inputs} features but the data ({data.Source}) has {split.FeatureCount}");
        if (split.ClassCount > checkpoint.Spec.Classes)
            throw new DendriteException($"{path}: the model has {checkpoint.Spec.Classes} classes but the data ({data.Source}) has {split.ClassCount}");
        var report = ClassificationReport.Evaluate(checkpoint.BuildModel(), split, checkpoint.ClassNames);

        if (format == LogFormat.Json) stdout.WriteLine(ReportJson.Eval(path, checkpoint.Epoch, test ? "test" : "train", report));
        else WriteText(stdout, path, checkpoint.Epoch, checkpoint.Spec.Describe(), test ? "test" : "train", report);
        return Cli.Success;
    }

    private static void WriteText(TextWriter w, string path, int epoch, string arch, string split, ClassificationReport r)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"model: {path} ({arch}, epoch {epoch})");
        w.WriteLine(string.Create(c, $"{split} set: {r.Count:N0} samples, loss {r.Loss:F4}, accuracy {r.Accuracy:F4}, macro F1 {r.MacroF1:F4}"));
        w.WriteLine();
        var perClass = new TextTable("class", "precision", "recall", "f1", "support");
        foreach (var m in r.Classes)
            perClass.Add(m.Name, m.Precision.ToString("F4", c), m.Recall.ToString("F4", c), m.F1.ToString("F4", c), m.Support.ToString(c));
        w.Write(perClass.ToString());
        w.WriteLine();
        w.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
        int n = r.Classes.Count;
        var matrix = new TextTable(["true \\ predicted", .. r.Classes.Select(m => m.Name)]);
        for (int i = 0; i < n; i++)
            matrix.Add([r.Classes[i].Name, .. Enumerable.Range(0, n).Select(j => r.Confusion[i, j].ToString(c))]);
        w.Write(matrix.ToString());
    }
}
