using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

public class OptimizerFactoryTests
{
    private static Parameter[] Ps => [new([1f, 2f], 2)];

    [Theory]
    [InlineData("sgd", typeof(Sgd))]
    [InlineData("adam", typeof(Adam))]
    [InlineData("AdamW", typeof(AdamW))]
    [InlineData("rmsprop", typeof(RmsProp))]
    [InlineData(" adagrad ", typeof(Adagrad))]
    [InlineData("adadelta", typeof(Adadelta))]
    public void Create_FromName_BuildsThatOptimizer(string name, Type expected)
    {
        var optimizer = OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerFactory.ParseKind(name), LearningRate: 0.01f));
        Assert.IsType(expected, optimizer);
        Assert.Equal(0.01f, optimizer.LearningRate);
    }

    [Fact]
    public void EveryKind_HasANameThatParsesBack()
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
            Assert.Equal(kind, OptimizerFactory.ParseKind(OptimizerFactory.NameOf(kind)));
        Assert.Equal(Enum.GetValues<OptimizerKind>().Length, OptimizerFactory.KindNames.Count);
    }

    [Fact]
    public void UnknownName_ListsTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.ParseKind("lbfgs"));
        Assert.Contains("sgd, adam, adamw, rmsprop, adagrad, adadelta", ex.Message);
        Assert.False(OptimizerFactory.TryParseKind(null, out _));
    }

    [Fact]
    public void Settings_AreForwarded()
    {
        var sgd = (Sgd)OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerKind.Sgd, 0.1f, 0.01f, 0.9f, Nesterov: true));
        Assert.Equal(new SgdOptions(0.1f, 0.01f, 0.9f, 0f, true), sgd.Options);
        var adam = (Adam)OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerKind.Adam, 0.002f, 0.1f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-6f, AmsGrad: true));
        Assert.Equal(new AdamOptions(0.002f, 0.8f, 0.99f, 1e-6f, 0.1f, true), adam.Options);
        var rms = (RmsProp)OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerKind.RmsProp, Momentum: 0.5f));
        Assert.Equal(0.5f, rms.Options.Momentum);
    }

    [Fact]
    public void UnsetSettings_TakeEachOptimizersDefault()
    {
        var adamW = (AdamW)OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerKind.AdamW));
        Assert.Equal(new AdamWOptions(), adamW.Options);
        var adadelta = (Adadelta)OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerKind.Adadelta));
        Assert.Equal(1f, adadelta.LearningRate);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, "Momentum")]
    [InlineData(OptimizerKind.Sgd, "Beta1")]
    [InlineData(OptimizerKind.RmsProp, "Beta2")]
    [InlineData(OptimizerKind.Sgd, "Epsilon")]
    [InlineData(OptimizerKind.Adagrad, "Nesterov")]
    [InlineData(OptimizerKind.Sgd, "AmsGrad")]
    public void SettingThatDoesNotApply_IsRejected(OptimizerKind kind, string option)
    {
        var settings = new OptimizerSettings(kind, 0.1f);
        settings = option switch
        {
            "Momentum" => settings with { Momentum = 0.9f },
            "Beta1" => settings with { Beta1 = 0.9f },
            "Beta2" => settings with { Beta2 = 0.9f },
            "Epsilon" => settings with { Epsilon = 1e-8f },
            "Nesterov" => settings with { Nesterov = true },
            _ => settings with { AmsGrad = true },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create(Ps, settings));
        Assert.Equal(option, ex.ParamName);
        Assert.Contains($"does not apply to {OptimizerFactory.NameOf(kind)}", ex.Message);
    }

    [Fact]
    public void Sgd_WithoutLearningRate_IsRejected() =>
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() =>
            OptimizerFactory.Create(Ps, new OptimizerSettings(OptimizerKind.Sgd))).ParamName);
}
