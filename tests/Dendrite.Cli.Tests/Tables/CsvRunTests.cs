using System.Globalization;
using System.Text.Json;
using Dendrite.Cli.Tests.Runs;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Cli.Tests.Tables;

/// <summary>
/// A CSV run is a normal run folder trained with the whole toolbox: the issue's acceptance line end to end (train,
/// resume, eval, predict, cv), for regression and for classification.
/// </summary>
public sealed class CsvRunTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-cli-csvrun-");

    /// <summary>The toolbox options of the issue's acceptance line.</summary>
    private static readonly string[] Toolbox =
        ["--optimizer", "adamw", "--lr-schedule", "cosine", "--dropout", "0.1", "--batchnorm", "--val-split", "0.2", "--early-stopping", "5"];

    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.NoData, args);

    private static JsonElement[] Json(IEnumerable<string> lines) => [.. lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private string Table(string task) => TableFiles.Write(_dir.Combine(task + ".csv"), task);

    [Theory]
    [InlineData("regression")]
    [InlineData("classification")]
    public void AcceptanceLine_TrainsARunFolder_ThenEvalPredictAndCvWork(string task)
    {
        string csv = Table(task), target = TableFiles.Target(task), run = _dir.Combine("R");
        var train = Cli(["train", "--csv", csv, "--target", target, .. Toolbox, "--out", run]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Equal("", train.Stderr);
        string[] lines = train.StdoutLines;
        string header = task == "regression"
            ? "epoch  train_loss     test_rmse      test_mae  test_r2  test_log_rmse  seconds"
            : "epoch  train_loss  train_acc  test_acc  seconds";
        int h = Array.IndexOf(lines, header);
        Assert.True(h >= 0, train.Stdout);
        Assert.StartsWith("    1  ", lines[h + 1], StringComparison.Ordinal);
        Assert.Contains(task == "regression" ? "  val_rmse " : "  val_acc ", lines[h + 1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(task == "regression" ? "test rmse: " : "test accuracy: ", StringComparison.Ordinal));
        Assert.Equal($"predict with: dendrite predict {run} FILE.csv", lines[^1]);
        string model = Assert.Single(lines, l => l.StartsWith("model: ", StringComparison.Ordinal));
        foreach (string part in new[] { "batchnorm", "dropout 0.1", "adamw", "schedule cosine", "val split 0.2", "early stopping 5:0", "100 epochs" })
            Assert.Contains(part, model, StringComparison.Ordinal);

        foreach (string file in new[] { "config.json", "metrics.csv", "last.safetensors", "best.safetensors", "plots/learning_curves.svg" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(task == "classification", File.Exists(Path.Combine(run, "plots", "confusion_matrix.svg")));
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
            Assert.Equal(task == "regression" ? "val_rmse" : "val_acc", config.RootElement.GetProperty("selection_metric").GetString());
        string metricsHeader = File.ReadLines(Path.Combine(run, "metrics.csv")).First();
        Assert.Equal(task == "regression"
            ? "epoch,train_loss,test_loss,test_rmse,test_mae,test_r2,test_log_rmse,seconds,val_loss,val_rmse,val_mae,val_r2,val_log_rmse"
            : "epoch,train_loss,train_acc,test_acc,seconds,val_acc", metricsHeader);

        var eval = Cli("eval", run, csv, "--log-format", "json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        using (var doc = JsonDocument.Parse(Assert.Single(eval.StdoutLines)))
        {
            JsonElement e = doc.RootElement;
            Assert.Equal(task == "regression"
                ? ["event", "model", "epoch", "split", "samples", "loss", "rmse", "mae", "r2", "log_rmse"]
                : ["event", "model", "epoch", "split", "samples", "loss", "accuracy", "macro_f1", "classes", "confusion"],
                e.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Path.Combine(run, "best.safetensors"), e.GetProperty("model").GetString());
            Assert.Equal(csv, e.GetProperty("split").GetString());
            Assert.Equal(200, e.GetProperty("samples").GetInt32());
        }

        string predictions = _dir.Combine("p.csv");
        var predict = Cli("predict", run, csv, "--out", predictions);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal([$"wrote 200 predictions to {predictions}"], predict.StdoutLines);
        string[] rows = File.ReadAllLines(predictions);
        // The id column was not named, so it was a feature: rows are keyed by index.
        Assert.Equal(task == "regression" ? "index,y" : "index,label,p_hi,p_lo", rows[0]);
        Assert.Equal(201, rows.Length);

        string cvOut = _dir.Combine("cv");
        var cv = Cli(["cv", "--csv", csv, "--target", target, .. Toolbox, "--folds", "3", "--out", cvOut, "--log-format", "json"]);
        Assert.True(cv.ExitCode == 0, cv.Stderr);
        JsonElement[] events = Json(cv.StdoutLines);
        Assert.Equal(["fold", "fold", "fold", "summary"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(200, events.Take(3).Sum(e => e.GetProperty("test_rows").GetInt32()));
        Assert.True(File.Exists(Path.Combine(cvOut, "config.json")));
        Assert.Equal(6, File.ReadAllLines(Path.Combine(cvOut, "folds.csv")).Length); // header, 3 folds, mean, std
        Assert.Contains(cv.StderrLines, l => l.StartsWith("model: ", StringComparison.Ordinal) && l.Contains("schedule cosine", StringComparison.Ordinal)
            && l.Contains("early stopping 5:0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("regression")]
    [InlineData("classification")]
    public void AcceptanceLine_RunResumesWithMoreEpochs_AndItsModelEvaluatesAndPredicts(string task)
    {
        // Five epochs: patience 5 cannot end the run before its sixth epoch, so the run can be continued.
        string csv = Table(task), target = TableFiles.Target(task), run = _dir.Combine("R");
        var first = Cli(["train", "--csv", csv, "--target", target, .. Toolbox, "--out", run, "--epochs", "5", "--log-format", "json"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(6, first.StdoutLines.Length);

        var resumed = Cli("train", "--resume", run, "--epochs", "10", "--log-format", "json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains(resumed.StderrLines, l => l == $"resuming {Path.GetFullPath(run)} after epoch 5 of 10");
        // Extending a cosine run re-lays the schedule, and the CLI says so.
        Assert.Contains(resumed.StderrLines, l => l.Contains("cosine schedule was laid out over 5 epochs", StringComparison.Ordinal));
        JsonElement[] events = Json(resumed.StdoutLines);
        JsonElement[] epochs = [.. events.Where(e => e.GetProperty("event").GetString() == "epoch")];
        Assert.Equal(6, epochs[0].GetProperty("epoch").GetInt32());
        JsonElement done = events[^1];
        Assert.Equal("done", done.GetProperty("event").GetString());
        Assert.Equal(epochs[^1].GetProperty("epoch").GetInt32(), done.GetProperty("epochs").GetInt32());
        Assert.Equal(0, done.GetProperty("skipped_rows").GetInt32());
        var last = Checkpoint.Load(Path.Combine(run, "last.safetensors"));
        Assert.Equal(done.GetProperty("epochs").GetInt32(), last.Epoch);
        Assert.Equal(last.Epoch + 1, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);

        var eval = Cli("eval", run, csv);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        if (task == "regression")
        {
            Assert.Contains(eval.StdoutLines, l => l.StartsWith($"model: {Path.Combine(run, "best.safetensors")} (5-64-1, epoch ", StringComparison.Ordinal)
                && l.EndsWith(", regression of 'y')", StringComparison.Ordinal));
            Assert.Contains(eval.StdoutLines, l => l.StartsWith($"{csv}: 200 rows, loss ", StringComparison.Ordinal)
                && l.Contains(", rmse ", StringComparison.Ordinal) && l.Contains(", mae ", StringComparison.Ordinal) && l.Contains(", r2 ", StringComparison.Ordinal)
                && l.Contains(", log-rmse ", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(eval.StdoutLines, l => l.StartsWith($"{csv}: 200 samples, loss ", StringComparison.Ordinal));
            Assert.Contains("confusion matrix (rows: true class, columns: predicted class)", eval.StdoutLines);
        }

        var predict = Cli("predict", run, csv);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(task == "regression" ? ["index", "y"] : ["index", "label", "p_hi", "p_lo"],
            predict.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1 + 20 + 1, predict.StdoutLines.Length);
        Assert.Equal("… 180 more rows; write them all with --out FILE", predict.StdoutLines[^1]);
    }

    [Theory]
    [InlineData("regression", "--loss", "huber")]
    [InlineData("classification", "--class-weight", "balanced")]
    public void Resume_OfACsvRun_IsBitIdenticalToAnUninterruptedRun(string task, string objective, string value)
    {
        // step:2:0.5 depends on the epoch only, not on the run's length, so 3 + 3 epochs must equal 6.
        string[] options =
        [
            "--csv", Table(task), "--target", TableFiles.Target(task), "--hidden", "16,8", "--batch-size", "16", "--seed", "3",
            "--optimizer", "adamw", "--lr", "0.01", "--lr-schedule", "step:2:0.5", "--dropout", "0.1", "--batchnorm", "--clip-grad", "norm:1",
            "--val-split", "0.2", "--early-stopping", "50", objective, value, "--log-format", "json",
        ];
        string whole = _dir.Combine("whole"), split = _dir.Combine("split");
        var w = Cli(["train", .. options, "--epochs", "6", "--out", whole]);
        Assert.True(w.ExitCode == 0, w.Stderr);
        var s = Cli(["train", .. options, "--epochs", "3", "--out", split]);
        Assert.True(s.ExitCode == 0, s.Stderr);
        var r = Cli("train", "--resume", split, "--epochs", "6", "--log-format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);

        Assert.Equal(WithoutSeconds(w.StdoutLines.Skip(3).SkipLast(1)), WithoutSeconds(r.StdoutLines.SkipLast(1)));
        var a = Checkpoint.Load(Path.Combine(whole, "last.safetensors"));
        var b = Checkpoint.Load(Path.Combine(split, "last.safetensors"));
        Assert.Equal(6, b.Epoch);
        Assert.Contains(a.State.Keys, k => k.EndsWith(".running_var", StringComparison.Ordinal));
        CheckpointAssert.SameState(a, b);
        Assert.Equal(a.Optimizer.Scalars, b.Optimizer.Scalars);
        Assert.Equal(a.Optimizer.Tensors.Keys.Order(StringComparer.Ordinal), b.Optimizer.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, t) in a.Optimizer.Tensors) Assert.Equal(t, b.Optimizer.Tensors[name]);
        Assert.Equal(Training.Runs.RunConfigJson.Write(a.Config!), Training.Runs.RunConfigJson.Write(b.Config!));
        CheckpointAssert.SameState(Checkpoint.Load(Path.Combine(whole, "best.safetensors")), Checkpoint.Load(Path.Combine(split, "best.safetensors")));
        Assert.Equal(MetricsWithoutSeconds(whole), MetricsWithoutSeconds(split));
    }

    /// <summary>JSON lines with their "seconds" removed (the only value that differs between identical runs).</summary>
    internal static string[] WithoutSeconds(IEnumerable<string> lines) =>
        [.. lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\"seconds\":[^,}]*", "\"seconds\":0"))];

    private static string[] MetricsWithoutSeconds(string run)
    {
        string[] lines = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
        return [.. lines.Select(l => string.Join(',', l.Split(',').Where((_, j) => j != seconds)))];
    }

    [Theory]
    [InlineData("regression", "rmse")]
    [InlineData("classification", "accuracy")]
    public void EarlyStopping_WatchesTheTasksValidationMetric_AndRestoresTheBestEpoch(string task, string metric)
    {
        // An lr of 1e-30 leaves every weight unchanged, so the validation metric never improves: patience 1 ends the
        // run after epoch 2 and epoch 1's weights (the best, and best.safetensors) come back.
        string run = _dir.Combine("R");
        var r = Cli("train", "--csv", Table(task), "--target", TableFiles.Target(task), "--epochs", "20", "--lr", "1e-30", "--val-split", "0.25",
            "--early-stopping", "1", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("early stopping ended the run after epoch 2: no validation gain for 1 epochs", r.StdoutLines);
        Assert.Contains(r.StdoutLines, l => l.Contains(" after 2 epochs (", StringComparison.Ordinal)
            && l.EndsWith($" s); weights of epoch 1 restored (best validation {metric})", StringComparison.Ordinal));
        Assert.Equal(1, Checkpoint.Load(Path.Combine(run, "best.safetensors")).Epoch);
        Assert.Equal(2, Checkpoint.Load(Path.Combine(run, "last.safetensors")).Epoch);
        var resume = Cli("train", "--resume", run, "--epochs", "30");
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("stopped early after epoch 2", Assert.Single(resume.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void EarlyStopping_WithAMinDelta_RestoresTheEpochThatBestSafetensorsHolds()
    {
        string run = _dir.Combine("R");
        var r = Cli("train", "--csv", Table("regression"), "--target", "y", "--epochs", "20", "--val-split", "0.25",
            "--early-stopping", "1:1000", "--out", run, "--log-format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var done = JsonDocument.Parse(r.StdoutLines[^1]);
        Assert.Equal(done.RootElement.GetProperty("restored_epoch").GetInt32(), Checkpoint.Load(Path.Combine(run, "best.safetensors")).Epoch);
    }

    [Fact]
    public void EarlyStopping_JsonDone_HasRestoredEpochAfterSkippedRows()
    {
        var r = Cli("train", "--csv", Table("regression"), "--target", "y", "--epochs", "20", "--lr", "1e-30", "--val-split", "0.25",
            "--early-stopping", "1", "--out", _dir.Combine("R"), "--log-format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var done = JsonDocument.Parse(r.StdoutLines[^1]);
        Assert.Equal(["event", "test_rmse", "test_mae", "test_r2", "test_log_rmse", "epochs", "seconds", "skipped_rows", "restored_epoch"],
            done.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, done.RootElement.GetProperty("restored_epoch").GetInt32());
        // The done line reports the restored epoch's test scores, not the last epoch's.
        using var first = JsonDocument.Parse(r.StdoutLines[0]);
        Assert.Equal(first.RootElement.GetProperty("test_rmse").GetDouble(), done.RootElement.GetProperty("test_rmse").GetDouble());
    }

    [Theory]
    [InlineData("huber", "huber loss")]
    [InlineData("l1", "l1 loss")]
    public void RegressionLosses_Train_AndAreNamedInTheModelLineAndConfig(string loss, string named)
    {
        string run = _dir.Combine("R");
        var r = Cli("train", "--csv", Table("regression"), "--target", "y", "--epochs", "30", "--loss", loss, "--huber-delta", "0.5", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("model: ", StringComparison.Ordinal) && l.Contains($"regression on 'y', {named}", StringComparison.Ordinal));
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
        {
            JsonElement o = config.RootElement.GetProperty("objective");
            Assert.Equal(loss, o.GetProperty("loss").GetString());
            Assert.Equal(0.5, o.GetProperty("huber_delta").GetDouble());
        }
        string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        double First(int row) => double.Parse(metrics[row].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.True(First(30) < First(1) / 2, $"train loss {First(1)} → {First(30)}");
    }

    [Fact]
    public void BalancedClassWeights_AreNamedInTheModelLineAndConfig()
    {
        string run = _dir.Combine("R");
        var r = Cli("train", "--csv", Table("classification"), "--target", "label", "--epochs", "2", "--class-weight", "balanced", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("model: ", StringComparison.Ordinal)
            && l.Contains("classification of 'label' into 2 classes, balanced class weights", StringComparison.Ordinal));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal("balanced", config.RootElement.GetProperty("objective").GetProperty("class_weight").GetString());
    }

    [Theory]
    [InlineData("regression", "--task", "regression", "--class-weight", "balanced", "--class-weight applies to classification only")]
    [InlineData("regression", "--task", "regression", "--label-smoothing", "0.1", "--label-smoothing applies to classification only")]
    [InlineData("classification", "--task", "classification", "--loss", "l1", "--loss applies to regression only")]
    [InlineData("classification", "--task", "classification", "--huber-delta", "2", "--loss applies to regression only")]
    [InlineData("classification", "--task", "classification", "--log-target", null, "--log-target applies to regression only")]
    public void ObjectiveOptions_ThatDoNotFitAForcedTask_AreUsageErrors(string task, string o1, string v1, string o2, string? v2, string message)
    {
        string run = _dir.Combine("R");
        string[] args = ["train", "--csv", Table(task), "--target", TableFiles.Target(task), o1, v1, o2, .. v2 is null ? Array.Empty<string>() : [v2], "--out", run];
        var r = Cli(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.EndsWith("(see dendrite train --help)", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("regression", "--class-weight", "balanced", "--class-weight applies to classification only")]
    [InlineData("regression", "--label-smoothing", "0.1", "--label-smoothing applies to classification only")]
    [InlineData("classification", "--loss", "l1", "--loss applies to regression only")]
    public void ObjectiveOptions_ThatDoNotFitADetectedTask_ExitWith2_AndLeaveNoFolder(string task, string option, string value, string message)
    {
        string run = _dir.Combine("R");
        var r = Cli("train", "--csv", Table(task), "--target", TableFiles.Target(task), option, value, "--out", run, "--log-format", "json");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains(message, r.StderrLines[^1], StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void ImageOnlyAndTableOnlyOptions_AreRefusedInTheWrongPlace()
    {
        var loss = Cli("train", "--loss", "huber");
        Assert.Equal(2, loss.ExitCode);
        Assert.Contains("--loss applies to regression (a --csv table)", Assert.Single(loss.StderrLines), StringComparison.Ordinal);
        foreach (string option in new[] { "--target", "--task", "--id-column", "--delimiter", "--split-seed", "--test-split", "--test-csv" })
        {
            var r = Cli("train", option, "x");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{option} needs --csv FILE", Assert.Single(r.StderrLines), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--data", "/tmp", "--data applies to image runs; this run trains on a table")]
    [InlineData("--csv", "x.csv", "--csv cannot be combined with --resume")]
    [InlineData("--loss", "l1", "--loss cannot be combined with --resume")]
    public void Resume_OfACsvRun_KeepsItsSettings(string option, string value, string message)
    {
        string run = _dir.Combine("R");
        Assert.Equal(0, Cli("train", "--csv", Table("regression"), "--target", "y", "--epochs", "1", "--out", run).ExitCode);
        var r = Cli("train", "--resume", run, "--epochs", "2", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, Assert.Single(r.StderrLines), StringComparison.Ordinal);
        Assert.Equal(1, Checkpoint.Load(Path.Combine(run, "last.safetensors")).Epoch);
    }

    [Fact]
    public void Resume_AfterTheCsvChanged_IsRefused()
    {
        string csv = Table("regression"), run = _dir.Combine("R");
        Assert.Equal(0, Cli("train", "--csv", csv, "--target", "y", "--epochs", "1", "--out", run).ExitCode);
        TableFiles.Write(csv, "regression", seed: 2);
        var r = Cli("train", "--resume", run, "--epochs", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the CSV file changed since the run started", Assert.Single(r.StderrLines), StringComparison.Ordinal);
        Assert.Equal(1, Checkpoint.Load(Path.Combine(run, "last.safetensors")).Epoch);
    }

    public void Dispose() => _dir.Dispose();
}
