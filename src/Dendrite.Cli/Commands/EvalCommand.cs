using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Tensors;
using Dendrite.Training;
using Dendrite.Training.Models;
using Dendrite.Training.Objectives;
using Dendrite.Training.Reports;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite eval MODEL_OR_RUN [FILE.csv]</c>: the task's metrics of a saved model. An image classifier is scored
/// on the Fashion-MNIST test (or train) split; a table model on FILE.csv, which must hold the target column.
/// Classification reports loss, accuracy, per-class precision/recall/F1 and the confusion matrix; regression the loss,
/// RMSE, MAE, R² and log-RMSE in the target's units.
/// </summary>
internal sealed class EvalCommand : ICommand
{
    public string Name => "eval";

    public string Summary => "evaluate a saved model: accuracy and per-class scores, or RMSE/MAE/R² for regression";

    private const string Description =
        "Evaluates MODEL_OR_RUN (a .safetensors model, or a run folder: its best.safetensors). An image model is scored\n" +
        "on the Fashion-MNIST test set (--split train for the training set). A table model (train --csv) is scored on\n" +
        "FILE.csv (a CSV or Parquet table), read as its training file was; it must have the target column.\n" +
        "Classification reports the mean cross-entropy, accuracy, per-class precision, recall and F1, and the\n" +
        "confusion matrix (rows: true class, columns: predicted class); regression reports the loss and\n" +
        "RMSE, MAE, R² and log-RMSE in the target's units.";

    private static readonly OptionParser Parser = new("eval",
    [
        new("data", "DIR", "image models: folder holding the Fashion-MNIST *-ubyte.gz files (default: search cache and system folders)"),
        new("split", "NAME", "image models: test|train, which split to evaluate (default test)"),
        TrainOptions.IdxLimitSpec,
        new("log-format", "FORMAT", "text|json; json prints one object on stdout (default text)"),
    ], ["MODEL_OR_RUN", "[FILE.csv]"]);

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
        if (o.Positionals.Count is < 1 or > 2) throw new UsageException("eval needs a MODEL_OR_RUN argument (and FILE.csv for a table model)", Parser.HelpCommand);
        LogFormat format = ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats);
        services = TrainOptions.WithIdxLimit(o, services);
        TextWriter notes = format == LogFormat.Json ? stderr : stdout;
        string path = ModelSource.Resolve(o.Positionals[0]);
        TrainedModel model = TrainedModel.Load(path);
        var predictor = new Predictor(model);
        string split;
        InMemoryDataset data;
        if (model.Info.Input is TableInput table)
        {
            if (o.Has("data") || o.Has("split")) throw new UsageException($"--data and --split apply to image models; {path} is a table model", Parser.HelpCommand);
            if (o.Positionals.Count != 2) throw new UsageException($"{path} is a table model: give the CSV to score, with its target column", Parser.HelpCommand);
            split = o.Positionals[1];
            TabularFrame frame = table.LoadCsv(split, withTarget: true);
            if (frame.SkippedLines.Length > 0) notes.WriteLine($"skipped {frame.SkippedLines.Length} rows of {split} with a missing target");
            data = RunDataLoader.ToDataset(table.Preprocessor.Transform(frame));
        }
        else
        {
            if (o.Positionals.Count == 2) throw new UsageException($"{path} is an image model; it is scored on Fashion-MNIST (--data DIR), not a CSV file", Parser.HelpCommand);
            string? dataDir = o.Get("data");
            if (dataDir is not null && !Directory.Exists(dataDir)) throw o.Error("data", "must be an existing folder");
            bool test = ValueParsers.Choice(o, "split", true, Splits);
            split = test ? "test" : "train";
            var images = services.LoadData(dataDir, notes.WriteLine);
            data = test ? images.Test : images.Train;
            if (data.FeatureCount != predictor.InputWidth)
                throw new DendriteException($"{path}: the model takes {predictor.InputWidth} features but the data ({images.Source}) has {data.FeatureCount}");
            if (model.Info.Input is ImageInput image) data = Scaled(data, image.Scale);
        }
        float[] outputs = predictor.Outputs(data.Features, data.Count);
        if (model.Info.Task == TaskKind.Classification)
        {
            if (data.Labels.Any(l => l >= predictor.OutputWidth))
                throw new DendriteException($"{path}: the model has {predictor.OutputWidth} classes but the data has class {data.Labels.Max()}");
            var report = ClassificationReport.FromLogits(outputs, data.Labels, model.Info.ClassNames!);
            if (format == LogFormat.Json) stdout.WriteLine(ReportJson.Eval(path, model.Epoch, split, report));
            else WriteText(stdout, path, $"{model.Describe()}, epoch {model.Epoch}", split, report);
            return Cli.Success;
        }
        FittedTarget? target = (model.Info.Input as TableInput)?.Preprocessor.Target;
        var objective = new RegressionObjective(Target: target);
        EvaluationAccumulator accumulator = objective.NewAccumulator();
        accumulator.Add(outputs, new Batch(new Tensor(data.Features, data.Count, data.FeatureCount), new Tensor(data.Targets!, data.Count, data.TargetCount)));
        Evaluation e = accumulator.Result();
        if (format == LogFormat.Json) stdout.WriteLine(ReportJson.Regression(path, model.Epoch, split, e));
        else
        {
            stdout.WriteLine($"model: {path} ({model.Describe()}, epoch {model.Epoch}, regression of '{model.Info.TargetName ?? "target"}')");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{split}: {e.Count:N0} rows, loss {RunView.G(e.Loss)} (MSE in model units), rmse {RunView.G(e.Rmse)}, mae {RunView.G(e.Mae)}, r2 {RunView.F4(e.RSquared)}, log-rmse {RunView.F4(e.LogRmse)}"));
        }
        return Cli.Success;
    }

    /// <summary>The loader gives Fashion-MNIST already scaled by 1/255, the scale the image models train on.</summary>
    private static InMemoryDataset Scaled(InMemoryDataset data, float scale) => scale == 1f / 255f ? data
        : throw new DendriteException($"the model was trained on pixels scaled by {scale}, but Fashion-MNIST is loaded scaled by 1/255");

    private static void WriteText(TextWriter w, string path, string about, string split, ClassificationReport r)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"model: {path} ({about})");
        string set = split is "test" or "train" ? split + " set" : split;
        w.WriteLine(string.Create(c, $"{set}: {r.Count:N0} samples, loss {r.Loss:F4}, accuracy {r.Accuracy:F4}, macro F1 {r.MacroF1:F4}"));
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
