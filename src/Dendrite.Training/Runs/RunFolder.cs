using System.Globalization;
using System.Text;
using Dendrite.Formats.IO;

namespace Dendrite.Training.Runs;

/// <summary>
/// The folder a training run lives in:
/// <c>config.json</c> (resolved options, seed, version), <c>metrics.csv</c> (one row per epoch),
/// <c>last.safetensors</c> (the latest epoch boundary, what --resume continues from), <c>best.safetensors</c>
/// (the epoch with the best <see cref="SelectionMetric"/>) and <c>plots/</c>. Every file is written atomically.
/// A folder is a run exactly when it holds last.safetensors, which is written before anything else.
/// </summary>
public sealed class RunFolder
{
    public const string ConfigFile = "config.json";
    public const string MetricsFile = "metrics.csv";
    public const string LastFile = "last.safetensors";
    public const string BestFile = "best.safetensors";
    public const string PlotsFolder = "plots";

    /// <summary>The header of metrics.csv without a validation split.</summary>
    public const string MetricsHeader = "epoch,train_loss,train_acc,test_acc,seconds";

    /// <summary>The header of metrics.csv with a validation split: <see cref="MetricsHeader"/> plus val_acc.</summary>
    public const string MetricsHeaderWithValidation = MetricsHeader + ",val_acc";

    private RunFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public string ConfigPath => Combine(ConfigFile);
    public string MetricsPath => Combine(MetricsFile);
    public string LastPath => Combine(LastFile);
    public string BestPath => Combine(BestFile);
    public string PlotsPath => Combine(PlotsFolder);

    /// <summary>
    /// Creates a folder for a new run. It may exist if it holds no run yet (no last.safetensors, no config.json).
    /// </summary>
    public static RunFolder Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path)) throw new RunFolderException($"{path}: is a file; --out needs a folder");
        var folder = new RunFolder(path);
        if (File.Exists(folder.LastPath) || File.Exists(folder.ConfigPath))
            throw new RunFolderException($"{path}: already holds a run; continue it with --resume {path} or choose another --out");
        try
        {
            Directory.CreateDirectory(folder.Path);
            Directory.CreateDirectory(folder.PlotsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"{path}: cannot create the run folder: {e.Message}", e);
        }
        return folder;
    }

    /// <summary>Opens an existing run: the folder must hold last.safetensors.</summary>
    public static RunFolder Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path)) throw new RunFolderException($"{path}: run folder not found");
        var folder = new RunFolder(path);
        if (!File.Exists(folder.LastPath))
            throw new RunFolderException($"{path}: not a run folder (no {LastFile})");
        Directory.CreateDirectory(folder.PlotsPath);
        return folder;
    }

    /// <summary>True when <paramref name="path"/> is a folder holding last.safetensors.</summary>
    public static bool IsRun(string path) => Directory.Exists(path) && File.Exists(System.IO.Path.Combine(path, LastFile));

    /// <summary>
    /// A fresh "runs/20250101-120000" style folder name under <paramref name="root"/>, suffixed "-2", "-3", … when
    /// taken (two runs started in the same second).
    /// </summary>
    public static string DefaultPath(string root, DateTime now)
    {
        string stem = System.IO.Path.Combine(root, now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string candidate = stem;
        for (int i = 2; Directory.Exists(candidate) || File.Exists(candidate); i++)
            candidate = stem + "-" + i.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    /// <summary>The path of a plot file, e.g. plots/learning_curves.svg.</summary>
    public string PlotPath(string fileName) => System.IO.Path.Combine(PlotsPath, fileName);

    public void WriteConfig(string json) => WriteText(ConfigPath, json.EndsWith('\n') ? json : json + "\n");

    /// <summary>
    /// Rewrites metrics.csv from the whole history (so it always agrees with last.safetensors); with
    /// <paramref name="validation"/> a val_acc column is appended.
    /// </summary>
    public void WriteMetrics(IReadOnlyList<EpochResult> history, bool validation = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sb = new StringBuilder(validation ? MetricsHeaderWithValidation : MetricsHeader).Append('\n');
        foreach (EpochResult r in history)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv(r.TrainLoss)).Append(',')
              .Append(Csv(r.TrainAccuracy)).Append(',').Append(Csv(r.TestAccuracy)).Append(',').Append(Csv(r.Seconds));
            if (validation) sb.Append(',').Append(Csv(r.ValidationAccuracy ?? double.NaN));
            sb.Append('\n');
        }
        WriteText(MetricsPath, sb.ToString());
    }

    private static string Csv(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "nan";

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    private static void WriteText(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        try
        {
            AtomicFile.Write(path, s => s.Write(bytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot write: {e.Message}", e);
        }
    }
}
