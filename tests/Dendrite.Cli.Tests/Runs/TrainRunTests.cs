using System.Text.Json;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Cli.Tests.Runs;

public class TrainRunTests
{
    private static readonly string[] Common = ["--hidden", "6", "--batch-size", "8", "--seed", "5", "--init", "default", "--lr", "0.5"];

    private static CliRunner.Result Train(params string[] args) => CliRunner.Run(CliRunner.Synthetic, ["train", .. args]);

    [Fact]
    public void Train_WithOut_LeavesConfigMetricsCheckpointsAndPlots()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("X");
        var r = Train(["--epochs", "3", "--out", run, .. Common]);
        Assert.Equal(0, r.ExitCode);

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(5, config.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(2, config.RootElement.GetProperty("schema_version").GetInt32());
        Assert.Equal([6], config.RootElement.GetProperty("model").GetProperty("hidden").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("fashion-mnist", config.RootElement.GetProperty("data").GetProperty("kind").GetString());
        Assert.Equal("test_acc", config.RootElement.GetProperty("selection_metric").GetString());
        Assert.False(string.IsNullOrEmpty(config.RootElement.GetProperty("dendrite_version").GetString()));
        string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal(4, metrics.Length);
        Assert.Equal("epoch,train_loss,train_acc,test_acc,seconds", metrics[0]);
        Assert.Equal(3, Checkpoint.Load(Path.Combine(run, "last.safetensors")).Epoch);
        Assert.True(File.Exists(Path.Combine(run, "best.safetensors")));
        foreach (string plot in new[] { "learning_curves.svg", "confusion_matrix.svg" })
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(run, "plots", plot)).TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_ToEpoch5_GivesBitIdenticalWeightsToAnUninterruptedRun()
    {
        using var dir = new TempDirectory();
        string whole = dir.Combine("whole"), split = dir.Combine("split");
        Assert.Equal(0, Train(["--epochs", "5", "--out", whole, .. Common]).ExitCode);
        Assert.Equal(0, Train(["--epochs", "3", "--out", split, .. Common]).ExitCode);

        var r = Train("--resume", split, "--epochs", "5", "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        var epochs = r.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "epoch").Select(e => e.GetProperty("epoch").GetInt32());
        Assert.Equal([4, 5], epochs);
        Assert.Contains(r.StderrLines, l => l.Contains("after epoch 3 of 5", StringComparison.Ordinal));

        var a = Checkpoint.Load(Path.Combine(whole, "last.safetensors"));
        var b = Checkpoint.Load(Path.Combine(split, "last.safetensors"));
        Assert.Equal(5, b.Epoch);
        CheckpointAssert.SameState(a, b);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(split, "metrics.csv")).Length);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(split, "config.json")));
        Assert.Equal(5, config.RootElement.GetProperty("training").GetProperty("epochs").GetInt32());
    }

    [Fact]
    public void Resume_WithAChangedTrainingOption_IsAUsageError()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("r");
        Assert.Equal(0, Train(["--epochs", "1", "--out", run, .. Common]).ExitCode);
        var r = Train("--resume", run, "--epochs", "2", "--lr", "0.1");
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("--lr cannot be combined with --resume", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_NotARunFolder_OneLineExit2()
    {
        using var dir = new TempDirectory();
        var r = Train("--resume", dir.Path, "--epochs", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal([$"dendrite: {dir.Path}: not a run folder (no last.safetensors)"], r.StderrLines);
    }

    [Fact]
    public void Resume_FinishedRunWithoutMoreEpochs_OneLineExit2()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("r");
        Assert.Equal(0, Train(["--epochs", "2", "--out", run, .. Common]).ExitCode);
        var r = Train("--resume", run);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("already finished 2 epochs", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_ThatAlreadyHoldsARun_IsRefused()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("r");
        Assert.Equal(0, Train(["--epochs", "1", "--out", run, .. Common]).ExitCode);
        var r = Train(["--epochs", "1", "--out", run, .. Common]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("already holds a run", r.Stderr, StringComparison.Ordinal);
    }
}
