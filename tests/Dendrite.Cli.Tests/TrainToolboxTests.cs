using System.Text.Json;
using Dendrite.Cli.Commands;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Tests;

// The toolbox options of `train`: parsing into the library's RunConfig and end-to-end runs on CliRunner's synthetic data.
public class TrainToolboxTests
{
    private static RunConfig Parse(params string[] args) => TrainOptions.ToConfig(TrainOptions.Parser.Parse(args));

    [Fact]
    public void Defaults_AreSgdWithoutAnyPolicy()
    {
        var x = Parse();
        Assert.Equal("relu", x.Model.Activation);
        Assert.Equal(0f, x.Model.Dropout);
        Assert.False(x.Model.BatchNorm);
        Assert.Equal(new OptimizerSettings(OptimizerKind.Sgd, 0.1f, 0f), x.Optimizer);
        Assert.Equal(TrainingPolicy.None, x.Policy);
        Assert.Equal(new ObjectiveSpec(), x.Objective);
    }

    [Fact]
    public void EveryToolboxOption_IsParsed()
    {
        var x = Parse("--activation", "GELU", "--dropout", "0.25", "--batchnorm", "--optimizer", "sgd", "--momentum", "0.9", "--nesterov",
            "--lr", "0.05", "--weight-decay", "0.001", "--lr-schedule", "step:3:0.5", "--warmup", "2", "--clip-grad", "norm:1.5",
            "--label-smoothing", "0.1", "--val-split", "0.2", "--early-stopping", "4:0.001");
        Assert.Equal("gelu", x.Model.Activation);
        Assert.Equal(0.25f, x.Model.Dropout);
        Assert.True(x.Model.BatchNorm);
        Assert.Equal(new OptimizerSettings(OptimizerKind.Sgd, 0.05f, 0.001f, 0.9f, Nesterov: true), x.Optimizer);
        Assert.Equal(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 3, Gamma: 0.5), x.Policy.Schedule);
        Assert.Equal(2, x.Policy.WarmupEpochs);
        Assert.Equal(new GradientClip(GradientClipKind.Norm, 1.5f), x.Policy.Clip);
        Assert.Equal(0.1f, x.Objective.LabelSmoothing);
        Assert.Equal(0.2, x.Policy.ValidationFraction, 6);
        Assert.Equal(4, x.Policy.EarlyStopping!.Patience);
        Assert.Equal(0.001, x.Policy.EarlyStopping.MinDelta, 6);
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("cosine", LrScheduleKind.Cosine)]
    [InlineData("onecycle", LrScheduleKind.OneCycle)]
    [InlineData("exp:0.9", LrScheduleKind.Exponential)]
    [InlineData("multistep:5,8:0.2", LrScheduleKind.MultiStep)]
    [InlineData("plateau:3:0.5", LrScheduleKind.Plateau)]
    [InlineData("plateau", LrScheduleKind.Plateau)]
    public void LrSchedule_AcceptsEverySpelling(string text, LrScheduleKind? kind) =>
        Assert.Equal(kind, Parse("--lr-schedule", text).Policy.Schedule?.Kind);

    [Fact]
    public void AdaptiveOptimizers_KeepTheirOwnDefaults_UnlessLrIsGiven()
    {
        Assert.Equal(new OptimizerSettings(OptimizerKind.AdamW), Parse("--optimizer", "adamw").Optimizer);
        Assert.Equal(new OptimizerSettings(OptimizerKind.Adam, 0.003f), Parse("--optimizer", "adam", "--lr", "0.003").Optimizer);
        Assert.Equal(0.5f, Parse("--optimizer", "rmsprop", "--momentum", "0.5").Optimizer.Momentum);
    }

    [Fact]
    public void InitSchemes_AreParsedByLinearInit() =>
        Assert.Equal(Init.LinearInit.Parse("xavier_normal"), Parse("--init", "xavier_normal").Model.Init);

    [Fact]
    public void ObjectiveOptions_AreParsed()
    {
        Assert.Equal(new ObjectiveSpec(ClassWeighting.Balanced), Parse("--class-weight", "balanced").Objective);
        Assert.Equal(new ObjectiveSpec(Loss: RegressionLoss.Huber, HuberDelta: 0.5f), ParseCsv("--loss", "huber", "--huber-delta", "0.5").Objective);
        Assert.Equal(RegressionLoss.L1, ParseCsv("--loss", "L1").Objective.Loss);
    }

    private static RunConfig ParseCsv(params string[] args)
    {
        string csv = Path.Combine(Path.GetTempPath(), $"dendrite-toolbox-{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, "x,y\n1,2.5\n2,3.5\n");
        try
        {
            return Parse(["--csv", csv, "--target", "y", .. args]);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    public static TheoryData<string[]> BadToolboxArguments => new()
    {
        new[] { "--dropout", "1" },
        new[] { "--dropout", "-0.1" },
        new[] { "--optimizer", "lbfgs" },
        new[] { "--optimizer", "adam", "--momentum", "0.9" },
        new[] { "--momentum", "1.5" },
        new[] { "--nesterov" },
        new[] { "--optimizer", "adam", "--nesterov", "--momentum", "0.9" },
        new[] { "--lr-schedule", "sometimes" },
        new[] { "--lr-schedule", "step" },
        new[] { "--lr-schedule", "step:0" },
        new[] { "--lr-schedule", "step:2:-1" },
        new[] { "--lr-schedule", "multistep:a,b" },
        new[] { "--lr-schedule", "plateau:2:1.5" },
        new[] { "--lr-schedule", "onecycle", "--warmup", "2" },
        new[] { "--warmup", "-1" },
        new[] { "--clip-grad", "norm" },
        new[] { "--clip-grad", "norm:0" },
        new[] { "--clip-grad", "mean:1" },
        new[] { "--label-smoothing", "1" },
        new[] { "--label-smoothing", "0.1", "--engine", "fused" },
        new[] { "--activation", "geglu", "--engine", "fused" },
        new[] { "--val-split", "0" },
        new[] { "--val-split", "1" },
        new[] { "--early-stopping", "3" },
        new[] { "--early-stopping", "0", "--val-split", "0.1" },
        new[] { "--early-stopping", "3:x", "--val-split", "0.1" },
        new[] { "--init", "kaiming_uniform:2" },
        new[] { "--activation", "swishy" },
        new[] { "--config", "/nonexistent/dendrite.json" },
        new[] { "--csv", "/nonexistent/table.csv", "--target", "y", "--dropout", "0.2" },
        new[] { "--class-weight", "inverse" },
        new[] { "--loss", "huber" },
        new[] { "--huber-delta", "0.5" },
        new[] { "--threads", "0" },
        new[] { "--threads", "100000" },
        new[] { "--engine", "gpu" },
    };

    [Theory]
    [MemberData(nameof(BadToolboxArguments))]
    public void BadToolboxValue_ExitsWith2_AndOneStderrLine(string[] args)
    {
        var r = CliRunner.Run(CliRunner.NoData, ["train", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.StartsWith("dendrite: ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Help_ListsEveryOption()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var spec in TrainOptions.Parser.Specs) Assert.Contains("--" + spec.Name, r.Stdout, StringComparison.Ordinal);
        foreach (string name in new[] { "dropout", "batchnorm", "optimizer", "momentum", "nesterov", "lr-schedule", "warmup", "clip-grad",
                     "label-smoothing", "val-split", "early-stopping", "config", "activation", "init" })
            Assert.Contains("--" + name, r.Stdout, StringComparison.Ordinal);
    }

    private static readonly string[] Quick = ["--hidden", "8", "--batch-size", "16", "--log-format", "json", "--init", "default"];

    [Fact]
    public void ValSplit_AddsValAccLast_AndModelOptionsReachTheTrainer()
    {
        var r = CliRunner.Run(CliRunner.Synthetic, ["train", .. Quick, "--epochs", "2", "--val-split", "0.25", "--activation", "swiglu",
            "--dropout", "0.1", "--batchnorm", "--optimizer", "adamw", "--lr-schedule", "cosine", "--clip-grad", "value:1", "--label-smoothing", "0.1"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdoutLines[0]);
        Assert.Equal(["event", "epoch", "train_loss", "train_acc", "test_acc", "seconds", "val_acc"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        string note = r.StderrLines.Single(l => l.StartsWith("model:", StringComparison.Ordinal));
        // swiglu doubles the Linear: (4+1)·16 + 2·16 (batch norm) + (8+1)·3 parameters.
        Assert.Contains("4-8-3 swiglu", note, StringComparison.Ordinal);
        Assert.Contains((5 * 16 + 2 * 16 + 9 * 3).ToString(System.Globalization.CultureInfo.InvariantCulture) + " parameters", note, StringComparison.Ordinal);
        foreach (string part in new[] { "batchnorm", "dropout 0.1", "adamw", "schedule cosine", "clip value 1", "label smoothing 0.1", "val split 0.25" })
            Assert.Contains(part, note, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutValSplit_TheEpochSchemaIsUnchanged()
    {
        var r = CliRunner.Run(CliRunner.Synthetic, ["train", .. Quick, "--epochs", "1", "--optimizer", "adam", "--lr-schedule", "onecycle"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdoutLines[0]);
        Assert.Equal(["event", "epoch", "train_loss", "train_acc", "test_acc", "seconds"], doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void EarlyStopping_EndsTheRunBeforeTheLastEpoch()
    {
        // lr 1e-6 leaves validation accuracy unchanged, so patience 1 stops after epoch 2 with epoch 1 as the best.
        var r = CliRunner.Run(CliRunner.Synthetic, ["train", .. Quick, "--epochs", "10", "--lr", "0.000001", "--val-split", "0.3", "--early-stopping", "1"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StdoutLines.Length);
        using var done = JsonDocument.Parse(r.StdoutLines[^1]);
        Assert.Equal(2, done.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(1, done.RootElement.GetProperty("restored_epoch").GetInt32());
    }

    [Fact]
    public void DefaultRun_IsBitIdentical_ToExplicitSgdWithoutPolicy()
    {
        var a = CliRunner.Run(CliRunner.Synthetic, ["train", .. Quick, "--epochs", "2"]);
        var b = CliRunner.Run(CliRunner.Synthetic, ["train", .. Quick, "--epochs", "2", "--optimizer", "sgd", "--lr-schedule", "none", "--dropout", "0"]);
        Assert.Equal(Losses(a), Losses(b));
    }

    private static string[] Losses(CliRunner.Result r) =>
        [.. r.StdoutLines.SkipLast(1).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("train_loss").GetRawText())];
}
