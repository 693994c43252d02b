using System.Globalization;
using System.Text;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Data;
using Dendrite.Data.Idx;
using Dendrite.Data.Tabular;
using Dendrite.Formats.IO;
using Dendrite.Plots;
using Dendrite.Training.Models;
using Dendrite.Training.Reports;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite predict MODEL INPUT</c>: for an image classifier, the top-k classes with probabilities for every sample
/// of an IDX or CSV file, printed or written as CSV (<c>--show N</c> draws the first N images with true and predicted
/// labels); for a table model, the prediction for every row of a CSV, read as the training file was.
/// </summary>
internal sealed class PredictCommand : ICommand
{
    public string Name => "predict";

    public string Summary => "predict with a saved model: classes of IDX/CSV images, or values or classes of CSV table rows (or Parquet)";

    private const string Description =
        "Predicts every sample of INPUT with MODEL (a .safetensors model, or a run folder: its best.safetensors).\n" +
        "For an image model, INPUT is an IDX image file (raw or .gz) or a CSV of pixel columns (0-255), optionally with\n" +
        "a label column (a header named 'label', or a first column when rows have one value more than the model's\n" +
        "inputs); the output is the top-k classes with probabilities. For a table model (train --csv; MODEL is its run\n" +
        "folder), INPUT is a CSV or Parquet table with the training feature columns (the target may be absent), read\n" +
        "as the training file was: the output has the id column (or the row index), the prediction in target units or\n" +
        "the predicted class, and one probability column per class.";

    private static readonly OptionParser Parser = new("predict",
    [
        new("top", "K", "how many classes to list per sample (default 3)"),
        new("labels", "FILE", "IDX label file with the true classes of an IDX input"),
        new("out", "FILE", "write the predictions as CSV to FILE instead of printing them"),
        new("show", "N", "draw the first N images with true and predicted labels as an SVG grid"),
        new("show-out", "FILE", "where --show writes its SVG (default predictions.svg)"),
        new("log-format", "FORMAT", "text|json; json prints one object per sample on stdout (default text)"),
        TrainOptions.IdxLimitSpec,
    ], ["MODEL", "INPUT"]);

    /// <summary>Image-only options of predict.</summary>
    private static readonly string[] ImageOnly = ["top", "labels", "show", "show-out"];

    private static readonly Dictionary<string, LogFormat> Formats = new() { ["text"] = LogFormat.Text, ["json"] = LogFormat.Json };

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 2) throw new UsageException("predict needs MODEL and INPUT arguments", Parser.HelpCommand);
        LogFormat format = ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats);
        string modelPath = ModelSource.Resolve(o.Positionals[0]);
        TrainedModel model = TrainedModel.Load(modelPath);
        var predictor = new Predictor(model);
        if (model.Info.Input is TableInput table) return Table(model, predictor, table, o, format, stdout);

        int top = ValueParsers.PositiveInt(o, "top", 3);
        int show = o.Has("show") ? ValueParsers.PositiveInt(o, "show", 10) : 0;
        IdxReadOptions? limits = TrainOptions.IdxLimits(o);
        var input = PredictInput.Load(o.Positionals[1], predictor.InputWidth, limits);
        Prediction[] predictions = predictor.Predict(input.Features, input.Count);
        if (model.Info.Task == TaskKind.Regression) return Values(predictions, o, format, stdout);
        int[]? labels = o.Get("labels") is { } labelPath ? PredictInput.LoadLabels(labelPath, input.Count, limits) : input.Labels;
        IReadOnlyList<string> names = model.Info.ClassNames!;
        if (labels?.FirstOrDefault(l => l >= names.Count, -1) is int bad and >= 0)
            throw new DendriteException($"{o.Positionals[1]}: label {bad} is out of range for a model with {names.Count} classes");

        var rows = predictions
            .Select(p => Predictions.TopK(p.Probabilities!, top).Select(t => (names[t.Class], t.Probability)).ToArray())
            .ToArray();
        if (o.Get("out") is { } outPath)
        {
            WriteCsv(outPath, rows, labels, names);
            stdout.WriteLine($"wrote {input.Count} predictions to {outPath}");
        }
        else if (format == LogFormat.Json)
        {
            for (int i = 0; i < rows.Length; i++) stdout.WriteLine(ReportJson.Prediction(i, labels is null ? null : names[labels[i]], rows[i]));
        }
        else
        {
            for (int i = 0; i < rows.Length; i++)
            {
                var sb = new StringBuilder().Append(i.ToString(CultureInfo.InvariantCulture)).Append(':');
                if (labels is not null) sb.Append(" (true: ").Append(names[labels[i]]).Append(')');
                foreach (var (name, p) in rows[i]) sb.Append("  ").Append(name).Append(' ').Append(p.ToString("F4", CultureInfo.InvariantCulture));
                stdout.WriteLine(sb.ToString());
            }
        }
        if (labels is not null && format == LogFormat.Text)
        {
            double accuracy = (double)predictions.Zip(labels).Count(p => p.First.Class == p.Second) / input.Count;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy:F4} on {input.Count} samples ({modelPath})"));
        }
        if (show > 0)
        {
            float scale = model.Info.Input is ImageInput image ? image.Scale : 1f;
            Show(o.Get("show-out") ?? "predictions.svg", show, input, scale, labels, predictions, predictor.InputWidth, names, stdout, format);
        }
        return Cli.Success;
    }

    private static int Table(TrainedModel model, Predictor predictor, TableInput table, ParsedOptions o, LogFormat format, TextWriter stdout)
    {
        foreach (string name in ImageOnly)
            if (o.Has(name)) throw new UsageException($"--{name} applies to image models; {model.Source} is a table model", o.HelpCommand);
        TabularFrame frame = table.LoadCsv(o.Positionals[1]);
        var result = TablePredictions.Of(model, frame, predictor.PredictTable(frame));
        if (o.Get("out") is { } outPath)
        {
            result.WriteCsv(outPath);
            stdout.WriteLine($"wrote {result.Rows.Count} predictions to {outPath}");
        }
        else if (format == LogFormat.Json) result.WriteJson(stdout);
        else result.WriteText(stdout);
        return Cli.Success;
    }

    /// <summary>A regression model on plain feature rows: one value (or several) per row.</summary>
    private static int Values(Prediction[] predictions, ParsedOptions o, LogFormat format, TextWriter stdout)
    {
        var lines = predictions.Select((p, i) => (i, string.Join(",", p.Values!.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))).ToList();
        if (o.Get("out") is { } outPath)
        {
            var sb = new StringBuilder("index,prediction\n");
            foreach (var (i, v) in lines) sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(v).Append('\n');
            byte[] bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
            AtomicFile.WriteAll(outPath, bytes, "predictions");
            stdout.WriteLine($"wrote {lines.Count} predictions to {outPath}");
        }
        else foreach (var (i, v) in lines) stdout.WriteLine(format == LogFormat.Json
            ? JsonEvents.Write(w => { w.WriteString("event", "prediction"); w.WriteNumber("index", i); w.WriteString("value", v); })
            : $"{i}: {v}");
        return Cli.Success;
    }

    private static void Show(string path, int n, PredictInput input, float scale, int[]? labels, Prediction[] predictions, int width,
        IReadOnlyList<string> names, TextWriter stdout, LogFormat format)
    {
        n = Math.Min(n, input.Count);
        int[] predicted = [.. predictions.Take(n).Select(p => p.Class)];
        float[] pixels = [.. input.Features.AsSpan(0, n * width).ToArray().Select(v => v * scale)];
        string? svg = PredictionGrid.Render(pixels, width, labels?[..n], predicted, names)
            ?? throw new DendriteException($"--show draws square images, but the model's {width} inputs are not a square number of pixels");
        AtomicFile.WriteAll(path, new UTF8Encoding(false).GetBytes(svg), "chart");
        if (format == LogFormat.Text) stdout.WriteLine($"wrote {n} images to {path}");
    }

    private static void WriteCsv(string path, (string Name, float Probability)[][] rows, int[]? labels, IReadOnlyList<string> names)
    {
        var sb = new StringBuilder("index");
        if (labels is not null) sb.Append(",label");
        sb.Append(",predicted");
        int k = rows.Length == 0 ? 0 : rows[0].Length;
        for (int j = 1; j <= k; j++) sb.Append(CultureInfo.InvariantCulture, $",class_{j},probability_{j}");
        sb.Append('\n');
        for (int i = 0; i < rows.Length; i++)
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture));
            if (labels is not null) sb.Append(',').Append(Quote(names[labels[i]]));
            sb.Append(',').Append(Quote(rows[i][0].Name));
            foreach (var (name, p) in rows[i]) sb.Append(',').Append(Quote(name)).Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        byte[] bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        AtomicFile.WriteAll(path, bytes, "predictions");
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
