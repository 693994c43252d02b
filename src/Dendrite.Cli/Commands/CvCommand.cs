using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Cli.Runs;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Formats.IO;
using Dendrite.Training;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite cv --csv FILE --target COLUMN --folds K</c>: K-fold cross-validation of a table model with the whole
/// training toolbox (the same options as <c>train --csv</c>). Each fold fits the preprocessing on its training rows
/// only, trains a fresh model and scores the held-out rows; the output is every fold's metrics and their mean ± std.
/// </summary>
internal sealed class CvCommand : ICommand
{
    private static readonly OptionParser Parser = new("cv",
    [
        .. TrainOptions.ForTables(TrainOptions.DataSpecs.Where(s => s.Name is not ("data" or "max-idx-elements"))),
        new("folds", "K", "number of folds, ≥ 2 (default 5)"),
        .. TrainOptions.ForTables(TrainOptions.ModelSpecs),
        new("out", "DIR", "write config.json and folds.csv (one row per fold, then the mean and std) to DIR"),
    ]);

    public string Name => "cv";

    public string Summary => "K-fold cross-validate an MLP on a CSV table (or Parquet)";

    private const string Description =
        "Splits the rows of a table (CSV, or Parquet) into K folds (seeded by --split-seed); for each fold, fits the\n" +
        "preprocessing (standardized numbers, one-hot categories, standardized target) on the other folds, trains an MLP\n" +
        "on them with the same options as train --csv (optimizer, schedule, dropout, batch norm, validation split, early\n" +
        "stopping, …) and scores the held-out fold. Prints each fold's test metrics and their mean ± std (sample standard deviation\n" +
        "over the folds).";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var origins = new Dictionary<string, string>();
        if (!args.Any(a => a is "--help" or "-h")) (args, origins) = ConfigFile.Expand(args, Parser);
        var o = Parser.Parse(args, origins);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (!o.Has("csv")) throw new UsageException("--csv FILE is required", o.HelpCommand);
        int folds = ValueParsers.PositiveInt(o, "folds", 5);
        if (folds < 2) throw o.Error("folds", "must be at least 2");
        RunConfig config = TrainOptions.ToConfig(o);
        var source = (CsvSource)config.Data;
        int threads = TrainOptions.ParseThreads(o);
        bool json = TrainOptions.ParseFormat(o) == LogFormat.Json;
        Action<string> note = json ? stderr.WriteLine : stdout.WriteLine;
        string? outDir = o.Get("out");
        if (outDir is not null) CreateOut(outDir);
        Kernels.Threading.KernelThreads.Count = threads;

        TabularFrame frame = TabularCsv.Load(source.Path, RunDataLoader.Loading(source));
        if (folds > frame.RowCount) throw o.Error("folds", $"must be at most the number of rows ({frame.RowCount})");
        note(string.Create(CultureInfo.InvariantCulture,
            $"data: {source.Path}: {frame.RowCount} rows, {folds} folds (split seed {source.SplitSeed})"));
        if (frame.SkippedLines.Length > 0) note($"skipped {frame.SkippedLines.Length} rows of {source.Path} with a missing target");
        // The model line describes the whole table's preprocessing (each fold fits its own on its training rows).
        int[] all = [.. Enumerable.Range(0, frame.RowCount)];
        var wholeNotes = new List<string>();
        RunData whole = RunDataLoader.FromRows(frame, all, all, source, config, wholeNotes, (_, _, _) => "");
        TrainOptions.CheckForData(o, config, whole);
        foreach (string line in wholeNotes) note(line.Replace("name it as the id column", "pass it as --id-column", StringComparison.Ordinal));
        note(RunNotes.Model(config, whole, threads));

        TaskKind task = whole.Info.Task;
        if (!json) stdout.WriteLine(FoldHeader(task));
        CrossValidationResult result = CrossValidation.Run(frame, source, config, folds, f =>
        {
            stdout.WriteLine(json ? FoldJson(f, task) : FoldText(f, task));
            stdout.Flush();
        }, (fold, e) =>
        {
            if (e.Warning is not null) note($"fold {fold}: {e.Warning}");
        });
        if (json) stdout.WriteLine(SummaryJson(result, frame.SkippedLines.Length));
        else foreach (string line in SummaryText(result)) stdout.WriteLine(line);
        stdout.Flush();
        if (outDir is not null)
        {
            WriteText(Path.Combine(outDir, RunFolder.ConfigFile), RunConfigJson.Write(config, [new("command", "cv")]) + "\n");
            WriteText(Path.Combine(outDir, "folds.csv"), FoldsCsv(result));
            note($"wrote {Path.Combine(outDir, RunFolder.ConfigFile)} and {Path.Combine(outDir, "folds.csv")}");
        }
        return Cli.Success;
    }

    private static string[] Scores(TaskKind task) => task == TaskKind.Classification ? ["acc"] : ["rmse", "mae", "r2", "log_rmse"];

    private static string FoldHeader(TaskKind task) => task == TaskKind.Classification
        ? "fold  train  test  test_acc  seconds"
        : "fold  train  test     test_rmse      test_mae  test_r2  test_log_rmse  seconds";

    private static string FoldText(FoldResult f, TaskKind task) => task == TaskKind.Classification
        ? Inv($"{f.Fold,4}  {f.TrainCount,5}  {f.TestCount,4}  {f.Test.Accuracy,8:F4}  {f.Seconds,7:F2}")
        : Inv($"{f.Fold,4}  {f.TrainCount,5}  {f.TestCount,4}  {RunView.G(f.Test.Rmse),12}  {RunView.G(f.Test.Mae),12}  {RunView.F4(f.Test.RSquared),7}  {RunView.F4(f.Test.LogRmse),13}  {f.Seconds,7:F2}");

    private static string FoldJson(FoldResult f, TaskKind task) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "fold");
        w.WriteNumber("fold", f.Fold);
        w.WriteNumber("train_rows", f.TrainCount);
        w.WriteNumber("test_rows", f.TestCount);
        foreach (string name in Scores(task)) Significant(w, "test_" + name, f.Test.Get(name), task == TaskKind.Classification ? 4 : 6);
        Significant(w, "seconds", f.Seconds, 3);
    });

    private static IEnumerable<string> SummaryText(CrossValidationResult r)
    {
        yield return Inv($"{"metric",-14}  {"mean",12}  {"std",12}   ({r.Folds.Count} folds)");
        foreach (string name in Scores(r.Task))
        {
            MetricSummary s = r.Summary(name);
            yield return Inv($"{"test_" + name,-14}  {RunView.G(s.Mean),12}  {RunView.G(s.Std),12}");
        }
    }

    private static string SummaryJson(CrossValidationResult r, int skippedRows) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "summary");
        w.WriteNumber("folds", r.Folds.Count);
        foreach (string name in Scores(r.Task))
        {
            MetricSummary s = r.Summary(name);
            Significant(w, "test_" + name + "_mean", s.Mean, 6);
            Significant(w, "test_" + name + "_std", s.Std, 6);
        }
        w.WriteNumber("skipped_rows", skippedRows);
    });

    private static string FoldsCsv(CrossValidationResult r)
    {
        string[] names = [.. Evaluation.MetricNames(r.Task)];
        var sb = new StringBuilder("fold,train_rows,test_rows,").Append(string.Join(',', names.Select(n => "test_" + n))).Append(",seconds\n");
        string C(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "nan";
        foreach (FoldResult f in r.Folds)
            sb.Append(Inv($"{f.Fold},{f.TrainCount},{f.TestCount},")).Append(string.Join(',', names.Select(n => C(f.Test.Get(n))))).Append(',').Append(C(f.Seconds)).Append('\n');
        sb.Append("mean,,,").Append(string.Join(',', names.Select(n => C(r.Summary(n).Mean)))).Append(",\n");
        sb.Append("std,,,").Append(string.Join(',', names.Select(n => C(r.Summary(n).Std)))).Append(",\n");
        return sb.ToString();
    }

    private static void CreateOut(string path)
    {
        if (File.Exists(path)) throw new RunFolderException($"{path}: is a file, not a folder");
        if (File.Exists(Path.Combine(path, RunFolder.ConfigFile))) throw new RunFolderException($"{path}: already holds a run or a cross-validation; choose another --out");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"{path}: cannot create the folder: {e.Message}", e);
        }
    }

    private static void WriteText(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        AtomicFile.WriteAll(path, bytes, "file");
    }

    private static void Significant(Utf8JsonWriter w, string name, double value, int digits)
    {
        if (!double.IsFinite(value)) w.WriteNull(name);
        else w.WriteNumber(name, double.Parse(value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
