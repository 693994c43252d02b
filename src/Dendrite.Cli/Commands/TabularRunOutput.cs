using System.Globalization;
using System.Text;
using Dendrite.Formats.IO;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Commands;

/// <summary>
/// The folder a <c>train --csv</c> run is saved in: <c>config.json</c> (resolved options), <c>metrics.csv</c> (one
/// row per epoch) and <c>model.safetensors</c> (a <see cref="TabularCheckpoint"/>, written last so its presence
/// means the folder is complete). Every file is written atomically. Not an image run folder (no last.safetensors),
/// so <c>--resume</c> cannot mistake it for one.
/// </summary>
internal static class TabularRunOutput
{
    public const string ModelFile = "model.safetensors";

    public const string MetricsHeader = "epoch,train_loss,train_acc,test_loss,test_rmse,test_mae,test_r2,test_log_rmse,test_acc,seconds";

    /// <summary>Creates (or reuses an empty) folder; refuses one that already holds a model or config.</summary>
    public static string Create(string path)
    {
        if (File.Exists(path)) throw new RunFolderException($"{path}: is a file; --out needs a folder");
        if (File.Exists(Path.Combine(path, ModelFile)) || File.Exists(Path.Combine(path, RunFolder.ConfigFile)))
            throw new RunFolderException($"{path}: already holds a run; choose another --out");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"{path}: cannot create the run folder: {e.Message}", e);
        }
        return path;
    }

    /// <summary>Writes config.json, metrics.csv and the model; returns the model's path.</summary>
    public static string Save(string folder, TabularCheckpoint checkpoint, TabularCommandSettings s, IReadOnlyList<TabularEpochResult> epochs)
    {
        WriteText(Path.Combine(folder, RunFolder.ConfigFile), Config(s) + "\n");
        WriteText(Path.Combine(folder, RunFolder.MetricsFile), Metrics(epochs));
        string model = Path.Combine(folder, ModelFile);
        checkpoint.Save(model);
        return model;
    }

    private static string Config(TabularCommandSettings s) => CheckpointJson.Write(w =>
    {
        TabularSettings t = s.Training;
        w.WriteString("mode", "tabular");
        w.WriteString("csv", s.CsvPath);
        w.WriteString("target", s.Loading.TargetColumn);
        Nullable(w, "id_column", s.Loading.IdColumn);
        Nullable(w, "delimiter", s.Loading.Delimiter?.ToString());
        Nullable(w, "task", s.Loading.Task?.ToString().ToLowerInvariant());
        Nullable(w, "test_csv", s.TestCsvPath);
        if (s.TestCsvPath is null) w.WriteNumber("test_split", s.TestSplit);
        w.WriteString("split_seed", s.SplitSeed.ToString(CultureInfo.InvariantCulture));
        w.WriteStartArray("hidden");
        foreach (int h in t.Hidden) w.WriteNumberValue(h);
        w.WriteEndArray();
        w.WriteString("activation", t.Activation.ToString().ToLowerInvariant());
        w.WriteString("init", t.Init.ToString());
        w.WriteNumber("epochs", t.Epochs);
        w.WriteNumber("batch_size", t.BatchSize);
        w.WriteNumber("lr", t.LearningRate);
        w.WriteNumber("weight_decay", t.WeightDecay);
        w.WriteString("seed", t.Seed.ToString(CultureInfo.InvariantCulture));
        w.WriteString("loss", t.Loss.ToString().ToLowerInvariant());
        w.WriteBoolean("log_target", t.Preprocessing?.LogTarget ?? false);
        w.WriteNumber("threads", s.Threads);
        w.WriteString("version", typeof(TabularRunOutput).Assembly.GetName().Version?.ToString() ?? "");
    });

    private static void Nullable(System.Text.Json.Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static string Metrics(IReadOnlyList<TabularEpochResult> epochs)
    {
        var sb = new StringBuilder(MetricsHeader).Append('\n');
        foreach (TabularEpochResult r in epochs)
        {
            TabularMetrics? m = r.Test;
            double nan = double.NaN;
            double[] values = [r.TrainLoss, r.TrainAccuracy, m?.Loss ?? nan, m?.Rmse ?? nan, m?.Mae ?? nan, m?.RSquared ?? nan, m?.LogRmse ?? nan, m?.Accuracy ?? nan, r.Seconds];
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture));
            foreach (double v in values) sb.Append(',').Append(double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "nan");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void WriteText(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        try
        {
            AtomicFile.Write(path, st => st.Write(bytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot write: {e.Message}", e);
        }
    }
}
