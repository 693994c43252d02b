using System.Globalization;
using System.Text;
using Dendrite.Data;
using Dendrite.Formats.IO;

namespace Dendrite.Training.Runs;

/// <summary>
/// The folder a training run lives in:
/// <c>config.json</c> (the <see cref="RunConfig"/>, with the version and architecture), <c>metrics.csv</c> (one row per epoch),
/// <c>last.safetensors</c> (the latest epoch boundary, what --resume continues from), <c>best.safetensors</c>
/// (the epoch with the best <see cref="SelectionMetric"/>) and <c>plots/</c>. Every file is written atomically.
/// A folder is a run exactly when it holds last.safetensors, which is written before anything else. A
/// <see cref="RunFolder"/> holds the folder's lock (one writer per folder) until it is disposed.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The run's <see cref="RunConfig"/> as JSON.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>One row per epoch (see <see cref="WriteMetrics"/>).</summary>
    public const string MetricsFile = "metrics.csv";

    /// <summary>The checkpoint of the latest epoch boundary, what --resume continues from.</summary>
    public const string LastFile = "last.safetensors";

    /// <summary>The checkpoint of the epoch with the best selection metric.</summary>
    public const string BestFile = "best.safetensors";

    /// <summary>The folder of the run's charts.</summary>
    public const string PlotsFolder = "plots";

    /// <summary>The header of a classification run's metrics.csv without a validation split.</summary>
    public const string MetricsHeader = "epoch,train_loss,train_acc,test_acc,seconds";

    /// <summary>The header of a classification run's metrics.csv with a validation split: <see cref="MetricsHeader"/> plus val_acc.</summary>
    public const string MetricsHeaderWithValidation = MetricsHeader + ",val_acc";

    private readonly RunFolderLock? _lock;

    private RunFolder(string path, RunFolderLock? folderLock)
    {
        Path = System.IO.Path.GetFullPath(path);
        _lock = folderLock;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>config.json.</summary>
    public string ConfigPath => Combine(ConfigFile);

    /// <summary>metrics.csv.</summary>
    public string MetricsPath => Combine(MetricsFile);

    /// <summary>last.safetensors.</summary>
    public string LastPath => Combine(LastFile);

    /// <summary>best.safetensors.</summary>
    public string BestPath => Combine(BestFile);

    /// <summary>plots/.</summary>
    public string PlotsPath => Combine(PlotsFolder);

    /// <summary>
    /// Creates a folder for a new run and locks it (<see cref="RunFolderLock"/>) until disposed. It may exist if it
    /// holds no run yet (no last.safetensors, no config.json). Checked after locking, so two processes cannot both
    /// start a run in it.
    /// </summary>
    /// <exception cref="RunFolderException">a file, a folder holding a run or in use, or one that cannot be created.</exception>
    public static RunFolder Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path)) throw new RunFolderException($"{path}: is a file, not a folder");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"{path}: cannot create the run folder: {e.Message}", e);
        }
        RunFolderLock folderLock = RunFolderLock.Acquire(path);
        var folder = new RunFolder(path, folderLock);
        try
        {
            if (File.Exists(folder.LastPath) || File.Exists(folder.ConfigPath))
                throw new RunFolderException($"{path}: already holds a run; resume it or choose another folder");
            Directory.CreateDirectory(folder.PlotsPath);
            folder.RemoveLeftovers();
        }
        catch (Exception e)
        {
            folderLock.Dispose();
            if (e is IOException or UnauthorizedAccessException) throw new RunFolderException($"{path}: cannot create the run folder: {e.Message}", e);
            throw;
        }
        return folder;
    }

    /// <summary>
    /// A new run folder under <paramref name="root"/> named after <paramref name="now"/> ("runs/20250101-120000"),
    /// suffixed "-2", "-3", … when that name is taken or in use, so runs started in the same second get their own.
    /// </summary>
    public static RunFolder CreateFresh(string root, DateTime now)
    {
        for (int attempt = 0; ; attempt++)
        {
            string path = DefaultPath(root, now);
            try
            {
                return Create(path);
            }
            catch (RunFolderException) when (attempt < 100 && (File.Exists(System.IO.Path.Combine(path, ConfigFile)) || File.Exists(System.IO.Path.Combine(path, LastFile))
                || File.Exists(System.IO.Path.Combine(path, RunFolderLock.PidFile))))
            {
                // Another process took this name between DefaultPath and the lock; try the next one.
                now = now.AddTicks(1);
            }
        }
    }

    /// <summary>Opens an existing run and locks it until disposed: the folder must hold last.safetensors.</summary>
    /// <exception cref="RunFolderException">not found, not a run, or in use by another process.</exception>
    public static RunFolder Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path)) throw new RunFolderException($"{path}: run folder not found");
        if (!File.Exists(System.IO.Path.Combine(path, LastFile)))
            throw new RunFolderException($"{path}: not a run folder (no {LastFile})");
        RunFolderLock folderLock = RunFolderLock.Acquire(path);
        var folder = new RunFolder(path, folderLock);
        try
        {
            Directory.CreateDirectory(folder.PlotsPath);
            folder.RemoveLeftovers();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            folderLock.Dispose();
            throw new RunFolderException($"{path}: cannot write to the run folder: {e.Message}", e);
        }
        return folder;
    }

    /// <summary>Releases the folder's lock.</summary>
    public void Dispose() => _lock?.Dispose();

    /// <summary>
    /// Deletes the temporary files a killed process can leave (".&lt;name&gt;.&lt;guid&gt;.tmp", written before the rename
    /// of an atomic write); safe because the folder is locked, so no other writer is using them.
    /// </summary>
    private void RemoveLeftovers()
    {
        foreach (string dir in new[] { Path, PlotsPath })
        {
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.EnumerateFiles(dir, ".*.tmp"))
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A leftover that cannot be deleted is harmless: nothing reads temporary files.
                }
            }
        }
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

    /// <summary>Writes config.json atomically, ending it with a newline.</summary>
    public void WriteConfig(string json) => WriteText(ConfigPath, json.EndsWith('\n') ? json : json + "\n");

    /// <summary>
    /// Rewrites metrics.csv from the whole history (so it always agrees with last.safetensors). Classification:
    /// epoch, train_loss, train_acc, test_acc, seconds (then val_acc with a validation split). Regression: epoch,
    /// train_loss, the test loss and scores (test_loss, test_rmse, test_mae, test_r2, test_log_rmse), seconds, then
    /// the same val_ columns with a validation split.
    /// </summary>
    public void WriteMetrics(IReadOnlyList<EpochResult> history, TaskKind task = TaskKind.Classification, bool validation = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        string[] scores = task == TaskKind.Classification ? ["acc"] : [.. Evaluation.MetricNames(task)];
        var sb = new StringBuilder("epoch,train_loss");
        if (task == TaskKind.Classification) sb.Append(",train_acc");
        foreach (string name in scores) sb.Append(",test_").Append(name);
        sb.Append(",seconds");
        if (validation) foreach (string name in scores) sb.Append(",val_").Append(name);
        sb.Append('\n');
        foreach (EpochResult r in history)
        {
            sb.Append(r.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv(r.TrainLoss));
            if (task == TaskKind.Classification) sb.Append(',').Append(Csv(r.TrainAccuracy));
            foreach (string name in scores) sb.Append(',').Append(Csv(r.Test?.Get(name) ?? double.NaN));
            sb.Append(',').Append(Csv(r.Seconds));
            if (validation) foreach (string name in scores) sb.Append(',').Append(Csv(r.Validation?.Get(name) ?? double.NaN));
            sb.Append('\n');
        }
        WriteText(MetricsPath, sb.ToString());
    }

    private static string Csv(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "nan";

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    private static void WriteText(string path, string text) => AtomicFile.WriteAll(path, new UTF8Encoding(false).GetBytes(text), "file");
}
