using System.Globalization;
using System.Text;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Formats.IO;
using Dendrite.Plots;
using Dendrite.Training.Reports;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite predict MODEL INPUT</c>: the top-k classes with probabilities for every sample of an IDX or CSV
/// file, printed or written as CSV; <c>--show N</c> draws the first N images with true and predicted labels.
/// </summary>
internal sealed class PredictCommand : ICommand
{
    public string Name => "predict";

    public string Summary => "classify the samples of an IDX or CSV file with a saved model";

    private const string Description =
        "Classifies every sample of INPUT with MODEL (a .safetensors model, or a run folder: its best.safetensors).\n" +
        "INPUT is an IDX image file (raw or .gz) or a CSV of pixel columns (0-255), optionally with a label column\n" +
        "(a header named 'label', or a first column when rows have one value more than the model's inputs).\n" +
        "With a tabular model (train --csv; MODEL is its model.safetensors or --out folder), INPUT is a CSV with the\n" +
        "training feature columns (the target may be absent): the output has the id column (or the row index), the\n" +
        "prediction in target units or the predicted class, and one probability column per class.";

    private static readonly OptionParser Parser = new("predict",
    [
        new("top", "K", "how many classes to list per sample (default 3)"),
        new("labels", "FILE", "IDX label file with the true classes of an IDX input"),
        new("out", "FILE", "write the predictions as CSV to FILE instead of printing them"),
        new("show", "N", "draw the first N images with true and predicted labels as an SVG grid"),
        new("show-out", "FILE", "where --show writes its SVG (default predictions.svg)"),
        new("log-format", "FORMAT", "text|json; json prints one object per sample on stdout (default text)"),
    ], ["MODEL", "INPUT"]);

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
        if (TabularPredict.Resolve(o.Positionals[0]) is { } tabular)
            return TabularPredict.Run(tabular, o.Positionals[1], o, ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats), stdout);
        int top = ValueParsers.PositiveInt(o, "top", 3);
        int show = o.Has("show") ? ValueParsers.PositiveInt(o, "show", 10) : 0;
        LogFormat format = ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats);

        var (modelPath, checkpoint) = ModelSource.Load(o.Positionals[0]);
        var input = PredictInput.Load(o.Positionals[1], checkpoint.Spec.Inputs);
        int[]? labels = o.Get("labels") is { } labelPath ? PredictInput.LoadLabels(labelPath, input.Count) : input.Labels;
        var names = checkpoint.ClassNames;
        if (labels?.FirstOrDefault(l => l >= names.Count, -1) is int bad and >= 0)
            throw new DendriteException($"{o.Positionals[1]}: label {bad} is out of range for a model with {names.Count} classes");

        int classes = checkpoint.Spec.Classes;
        float[] logits = Predictions.Logits(checkpoint.BuildModel(), input.Features, checkpoint.Spec.Inputs);
        float[] probabilities = Predictions.Softmax(logits, classes);
        var rows = Enumerable.Range(0, input.Count)
            .Select(i => Predictions.TopK(probabilities.AsSpan(i * classes, classes), top).Select(t => (names[t.Class], t.Probability)).ToArray())
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
            int[] predicted = Predictions.ArgMax(logits, classes);
            double accuracy = (double)predicted.Zip(labels).Count(p => p.First == p.Second) / input.Count;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy:F4} on {input.Count} samples ({modelPath})"));
        }
        if (show > 0) Show(o.Get("show-out") ?? "predictions.svg", show, input, labels, logits, checkpoint.Spec.Inputs, names, stdout, format);
        return Cli.Success;
    }

    private static void Show(string path, int n, PredictInput input, int[]? labels, float[] logits, int width,
        IReadOnlyList<string> names, TextWriter stdout, LogFormat format)
    {
        n = Math.Min(n, input.Count);
        int[] predicted = Predictions.ArgMax(logits.AsSpan(0, n * names.Count), names.Count);
        string? svg = PredictionGrid.Render(input.Features.AsSpan(0, n * width).ToArray(), width, labels?[..n], predicted, names)
            ?? throw new DendriteException($"--show draws square images, but the model's {width} inputs are not a square number of pixels");
        SvgFile.Save(path, svg);
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
        try
        {
            AtomicFile.Write(path, s => s.Write(bytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot write: {e.Message}", e);
        }
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
