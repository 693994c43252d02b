using Dendrite.Cli.Commands;
using Dendrite.Init;
using Dendrite.Training;

namespace Dendrite.Cli.Tests;

public class TrainOptionsTests
{
    private static TrainSettings Parse(params string[] args) => TrainOptions.ToSettings(TrainOptions.Parser.Parse(args));

    [Fact]
    public void Defaults_ReproduceTheD2lReferenceRun()
    {
        var s = Parse();
        Assert.Equal(10, s.Epochs);
        Assert.Equal(256, s.BatchSize);
        Assert.Equal(0.1f, s.LearningRate);
        Assert.Equal(0f, s.WeightDecay);
        Assert.Equal([256], s.Hidden);
        Assert.Equal(ActivationKind.Relu, s.Activation);
        Assert.Equal(LinearInit.Normal(0.01f), s.Init);
        Assert.Equal(0UL, s.Seed);
        Assert.Null(s.DataDirectory);
        Assert.Equal(LogFormat.Text, s.LogFormat);
    }

    [Fact]
    public void EveryOption_IsParsed_InBothSpellings()
    {
        string dir = Path.GetTempPath();
        var s = Parse("--epochs", "3", "--batch-size=64", "--lr", "0.5", "--weight-decay", "1e-4", "--hidden", "128, 64",
            "--activation", "TANH", "--init", "normal:0.05", "--seed", "18446744073709551615", "--data", dir, "--log-format=json");
        Assert.Equal(3, s.Epochs);
        Assert.Equal(64, s.BatchSize);
        Assert.Equal(0.5f, s.LearningRate);
        Assert.Equal(1e-4f, s.WeightDecay);
        Assert.Equal([128, 64], s.Hidden);
        Assert.Equal(ActivationKind.Tanh, s.Activation);
        Assert.Equal(LinearInit.Normal(0.05f), s.Init);
        Assert.Equal(ulong.MaxValue, s.Seed);
        Assert.Equal(dir, s.DataDirectory);
        Assert.Equal(LogFormat.Json, s.LogFormat);
    }

    [Fact]
    public void HiddenNone_MeansSoftmaxRegression_AndInitDefaultIsTorchUniform()
    {
        var s = Parse("--hidden", "none", "--init", "default", "--activation", "sigmoid");
        Assert.Empty(s.Hidden);
        Assert.Same(LinearInit.Default, s.Init);
        Assert.Equal(ActivationKind.Sigmoid, s.Activation);
    }

    [Fact]
    public void NegativeNumberAsValue_IsReadAsAValue_ThenRejectedByValidation()
    {
        var ex = Assert.Throws<Options.UsageException>(() => Parse("--weight-decay", "-0.5"));
        Assert.Contains("--weight-decay", ex.Message);
        Assert.Contains("-0.5", ex.Message);
    }
}
