using System.Text.Json;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>Run folders and --resume with the toolbox options (optimizers, schedules, dropout, batch norm, validation, early stopping).</summary>
public class ToolboxRunTests
{
    // A schedule that does not depend on the total epoch count, so extending a run by --resume matches a longer run.
    private static readonly string[] Toolbox =
    [
        "--hidden", "8", "--batch-size", "8", "--seed", "5", "--activation", "gelu", "--batchnorm", "--dropout", "0.2",
        "--init", "kaiming_normal", "--optimizer", "adamw", "--lr", "0.01", "--lr-schedule", "step:1:0.9", "--warmup", "1",
        "--clip-grad", "norm:1", "--val-split", "0.2", "--early-stopping", "50",
    ];

    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.Synthetic, args);

    private static void AssertUserError(CliRunner.Result r, string fragment)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.StartsWith("dendrite: ", r.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains(fragment, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolboxRun_WritesTheFolder_AndResumesBitIdentically()
    {
        using var dir = new TempDirectory();
        string whole = dir.Combine("whole"), split = dir.Combine("split");
        var w = Cli(["train", "--epochs", "5", "--out", whole, .. Toolbox]);
        Assert.True(w.ExitCode == 0, w.Stderr);
        Assert.Equal(0, Cli(["train", "--epochs", "3", "--out", split, .. Toolbox]).ExitCode);

        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(split, "config.json"))))
        {
            JsonElement root = config.RootElement;
            string Text(string section, string key) => root.GetProperty(section).GetProperty(key).GetString()!;
            Assert.Equal("adamw", Text("optimizer", "name"));
            Assert.Equal("gelu", Text("model", "activation"));
            Assert.Equal("kaiming_normal", Text("model", "init"));
            Assert.True(root.GetProperty("model").GetProperty("batchnorm").GetBoolean());
            Assert.Equal(0.2, root.GetProperty("model").GetProperty("dropout").GetDouble(), 6);
            Assert.Equal("step:1:0.9", Text("policy", "lr_schedule"));
            Assert.Equal(1, root.GetProperty("policy").GetProperty("warmup_epochs").GetInt32());
            Assert.Equal("norm:1", Text("policy", "clip_grad"));
            Assert.Equal("50:0", Text("policy", "early_stopping"));
            Assert.Equal(0.2, root.GetProperty("policy").GetProperty("val_split").GetDouble(), 6);
            Assert.Equal("val_acc", config.RootElement.GetProperty("selection_metric").GetString());
        }
        Assert.Equal("epoch,train_loss,train_acc,test_acc,seconds,val_acc", File.ReadLines(Path.Combine(split, "metrics.csv")).First());

        var r = Cli("train", "--resume", split, "--epochs", "5", "--log-format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var epochs = r.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetString() == "epoch").ToList();
        Assert.Equal([4, 5], epochs.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.All(epochs, e => Assert.True(e.TryGetProperty("val_acc", out _)));

        var a = Checkpoint.Load(Path.Combine(whole, "last.safetensors"));
        var b = Checkpoint.Load(Path.Combine(split, "last.safetensors"));
        Assert.Equal(5, b.Epoch);
        Assert.Contains(a.State.Keys, k => k.EndsWith(".running_mean", StringComparison.Ordinal)); // batch norm's buffers are compared too
        CheckpointAssert.SameState(a, b);
    }

    [Theory]
    [InlineData("--optimizer", "adam")]
    [InlineData("--dropout", "0.5")]
    [InlineData("--val-split", "0.3")]
    public void Resume_WithAToolboxOption_IsAUsageError(string option, string value)
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        Assert.Equal(0, Cli(["train", "--epochs", "1", "--out", run, .. Toolbox]).ExitCode);
        AssertUserError(Cli("train", "--resume", run, "--epochs", "2", option, value), $"{option} cannot be combined with --resume");
    }

    [Fact]
    public void FusedEngine_WithAnActivationItCannotRun_IsAUsageError_AndLeavesNoFolder()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        AssertUserError(Cli("train", "--activation", "swiglu", "--engine", "fused", "--out", run), "swiglu runs on the autograd engine only");
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Resume_OfARunThatStoppedEarly_IsOneLineAndExit2()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        // No gain beats a min delta of 1: the second epoch ends the run.
        var r = Cli("train", "--epochs", "6", "--out", run, "--hidden", "6", "--batch-size", "8", "--val-split", "0.2", "--early-stopping", "1:1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(2, Checkpoint.Load(Path.Combine(run, "last.safetensors")).Epoch);
        AssertUserError(Cli("train", "--resume", run, "--epochs", "8"), "stopped early after epoch 2");
    }

    [Fact]
    public void Resume_ExtendingACosineRun_SaysTheScheduleIsRelaid()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        Assert.Equal(0, Cli("train", "--epochs", "2", "--out", run, "--hidden", "6", "--batch-size", "8", "--lr-schedule", "cosine").ExitCode);
        var r = Cli("train", "--resume", run, "--epochs", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Single(r.StdoutLines.Concat(r.StderrLines), l => l.Contains("cosine schedule was laid out over 2 epochs", StringComparison.Ordinal));
    }

    [Fact]
    public void EvalPredictSummary_WorkOnABatchNormGeluDropoutRun()
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        Assert.Equal(0, Cli(["train", "--epochs", "2", "--out", run, .. Toolbox]).ExitCode);

        var summary = Cli("summary", run);
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        Assert.Contains(summary.StdoutLines, l => l.Contains("BatchNorm1d", StringComparison.Ordinal));
        Assert.Contains(summary.StdoutLines, l => l.StartsWith("architecture: 4-8-3 gelu, batchnorm, dropout 0.2, trained ", StringComparison.Ordinal));
        Assert.Contains(summary.StdoutLines, l => l.Contains("GELU(", StringComparison.Ordinal));
        Assert.Contains(summary.StdoutLines, l => l.Contains("Dropout(p=0.2)", StringComparison.Ordinal));

        var eval = Cli("eval", run);
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        Assert.Contains(eval.StdoutLines, l => l.StartsWith("true \\ predicted", StringComparison.Ordinal));

        string csv = dir.Combine("in.csv");
        File.WriteAllText(csv, "label,p1,p2,p3,p4\n0,255,0,0,0\n2,0,10,250,3\n");
        var predict = Cli("predict", run, csv, "--top", "2");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.StartsWith("accuracy: ", predict.StdoutLines[2], StringComparison.Ordinal);
    }
}
