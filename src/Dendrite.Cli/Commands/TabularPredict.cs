using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Data.Tabular;
using Dendrite.Formats.IO;
using Dendrite.Training;
using Dendrite.Training.Reports;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite predict MODEL new.csv</c> for a tabular model (<see cref="TabularCheckpoint"/>): reads the CSV as
/// the training file was read, applies the saved preprocessing, and writes one row per input row: the id column
/// (when the model had one and the file has it; else the 0-based row index), then the target column holding the
/// prediction (regression: in target units; classification: the class name), then for classification one
/// probability column "p_&lt;class&gt;" per class.
/// </summary>
internal static class TabularPredict
{
    /// <summary>Rows printed without --out.</summary>
    private const int PrintedRows = 20;

    /// <summary>Image-only options of predict.</summary>
    private static readonly string[] ImageOnly = ["top", "labels", "show", "show-out"];

    /// <summary>
    /// The tabular model file that <paramref name="model"/> names (the file itself, or a train --csv output folder's
    /// model.safetensors), or null when it is not a tabular model.
    /// </summary>
    public static string? Resolve(string model)
    {
        string file = Directory.Exists(model) ? Path.Combine(model, TabularRunOutput.ModelFile) : model;
        return TabularCheckpoint.IsTabular(file) ? file : null;
    }

    public static int Run(string modelPath, string csvPath, ParsedOptions o, LogFormat format, TextWriter stdout)
    {
        foreach (string name in ImageOnly)
            if (o.Has(name)) throw new UsageException($"--{name} applies to image models; {modelPath} is a tabular model", o.HelpCommand);
        TabularCheckpoint checkpoint = TabularCheckpoint.Load(modelPath);
        TabularFrame frame = checkpoint.LoadCsv(csvPath);
        TabularDataset data = checkpoint.Preprocessor.Transform(frame);
        float[] outputs = TabularEvaluator.Outputs(checkpoint.BuildModel(), data);
        var (header, rows) = Table(checkpoint, data, outputs);

        if (o.Get("out") is { } outPath)
        {
            WriteCsv(outPath, header, rows);
            stdout.WriteLine($"wrote {rows.Count} predictions to {outPath}");
        }
        else if (format == LogFormat.Json)
        {
            foreach (string[] row in rows) stdout.WriteLine(JsonRow(header, row));
        }
        else
        {
            foreach (string line in TextTable(header, rows.Take(PrintedRows).ToList())) stdout.WriteLine(line);
            if (rows.Count > PrintedRows) stdout.WriteLine($"… {rows.Count - PrintedRows} more rows; write them all with --out FILE");
        }
        return Cli.Success;
    }

    /// <summary><c>dendrite summary</c> of a tabular model: task, columns, features and the layer table.</summary>
    public static int Summary(string modelPath, TextWriter stdout)
    {
        TabularCheckpoint checkpoint = TabularCheckpoint.Load(modelPath);
        MlpSpec spec = checkpoint.Spec;
        FittedTarget target = checkpoint.Target;
        stdout.WriteLine($"model: {modelPath}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"architecture: {spec.Describe()} {spec.Activation.ToString().ToLowerInvariant()}, trained {checkpoint.Epochs} epochs"));
        stdout.WriteLine(target.Task == TaskKind.Regression
            ? $"task: regression on '{target.Name}'{(target.Log ? " (log)" : "")}"
            : $"task: classification of '{target.Name}' into {string.Join(", ", checkpoint.ClassNames!)}");
        stdout.WriteLine($"id column: {checkpoint.IdColumn ?? "(none)"}");
        stdout.WriteLine($"columns: {string.Join(", ", checkpoint.Preprocessor.Columns.Select(c => $"{c.Name} ({c.Kind.ToString().ToLowerInvariant()})"))}");
        stdout.WriteLine($"features: {string.Join(", ", checkpoint.Preprocessor.FeatureNames)}");
        stdout.WriteLine();
        stdout.Write(checkpoint.BuildModel().Summary(1, spec.Inputs));
        return Cli.Success;
    }

    /// <summary>The prediction table as text cells: floats in round-trip form, so a reader gets the exact values.</summary>
    internal static (string[] Header, List<string[]> Rows) Table(TabularCheckpoint checkpoint, TabularDataset data, float[] outputs)
    {
        FittedTarget target = checkpoint.Target;
        string key = data.Ids is not null ? checkpoint.IdColumn! : "index";
        var header = new List<string> { key, target.Name };
        IReadOnlyList<string>? classes = checkpoint.ClassNames;
        if (classes is not null) header.AddRange(classes.Select(c => "p_" + c));
        float[]? values = null, probabilities = null;
        if (classes is null)
        {
            values = new float[data.Count];
            checkpoint.Preprocessor.TargetsFromModel(outputs, values);
        }
        else probabilities = Predictions.Softmax(outputs, classes.Count);

        var rows = new List<string[]>(data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            var row = new List<string> { data.Ids is not null ? data.Ids[i] ?? "" : i.ToString(CultureInfo.InvariantCulture) };
            if (values is not null) row.Add(Number(values[i]));
            else
            {
                ReadOnlySpan<float> p = probabilities.AsSpan(i * classes!.Count, classes.Count);
                // The class is the argmax of the logits (ties to the lower index): the same rule as accuracy in training.
                int best = Predictions.ArgMax(outputs.AsSpan(i * classes.Count, classes.Count), classes.Count)[0];
                row.Add(classes[best]);
                foreach (float v in p) row.Add(Number(v));
            }
            rows.Add(row.ToArray());
        }
        return (header.ToArray(), rows);
    }

    private static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<string> TextTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, j) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => Shorten(r[j], j).Length))).ToArray();
        yield return string.Join("  ", header.Select((h, j) => h.PadLeft(widths[j])));
        foreach (string[] row in rows) yield return string.Join("  ", row.Select((c, j) => Shorten(c, j).PadLeft(widths[j])));
    }

    /// <summary>Printed numbers get 6 significant digits; ids and class names are left alone.</summary>
    private static string Shorten(string cell, int column) =>
        column > 0 && float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v)
            ? v.ToString("G6", CultureInfo.InvariantCulture) : cell;

    private static string JsonRow(string[] header, string[] row)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            for (int j = 0; j < header.Length; j++) w.WriteString(header[j], row[j]);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCsv(string path, string[] header, List<string[]> rows)
    {
        var sb = new StringBuilder(string.Join(',', header.Select(Quote))).Append('\n');
        foreach (string[] row in rows) sb.Append(string.Join(',', row.Select(Quote))).Append('\n');
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

    private static string Quote(string s) =>
        s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
