using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Training.Tests;

public class ModelFactoryTests
{
    [Fact]
    public void D2lDefault_Builds784_256_10WithReLU()
    {
        var model = ModelFactory.BuildMlp(MlpSpec.D2lDefault, new Rng(0));
        Assert.Equal(4, model.Count);
        Assert.IsType<Flatten>(model[0]);
        Assert.Equal("Linear(in=784, out=256, bias=True)", model[1].ToString());
        Assert.IsType<ReLU>(model[2]);
        Assert.Equal("Linear(in=256, out=10, bias=True)", model[3].ToString());
        Assert.Equal(203_530, model.ParameterCount);
        Assert.Equal("784-256-10", MlpSpec.D2lDefault.Describe());
    }

    [Fact]
    public void D2lDefault_HasSmallNormalWeights_AndZeroBiases()
    {
        var model = ModelFactory.BuildMlp(MlpSpec.D2lDefault, new Rng(0));
        var w = ((Linear)model[1]).Weight.Data;
        double std = Math.Sqrt(w.Average(v => (double)v * v));
        Assert.InRange(std, 0.0098, 0.0102);
        Assert.All(((Linear)model[1]).Bias!.Data, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void NoHidden_GivesSoftmaxRegression()
    {
        var model = ModelFactory.BuildMlp(MlpSpec.D2lDefault with { Hidden = [] }, new Rng(0));
        Assert.Equal(2, model.Count);
        Assert.IsType<Flatten>(model[0]);
        Assert.Equal("Linear(in=784, out=10, bias=True)", model[1].ToString());
        Assert.Equal(7_850, model.ParameterCount);
    }

    [Fact]
    public void TwoHiddenLayers_WithTanh_AlternateLinearAndActivation()
    {
        var spec = new MlpSpec(20, [8, 4], 3, ActivationKind.Tanh, LinearInit.Default);
        var model = ModelFactory.BuildMlp(spec, new Rng(0));
        Assert.Equal(["Flatten()", "Linear(in=20, out=8, bias=True)", "Tanh()", "Linear(in=8, out=4, bias=True)", "Tanh()",
            "Linear(in=4, out=3, bias=True)"], model.Select(m => m.ToString()));
        Assert.Equal(["1.weight", "1.bias", "3.weight", "3.bias", "5.weight", "5.bias"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void DefaultInit_KeepsTorchUniformBounds()
    {
        var spec = new MlpSpec(64, [32], 10, ActivationKind.Sigmoid, LinearInit.Default);
        var model = ModelFactory.BuildMlp(spec, new Rng(0));
        Assert.IsType<Sigmoid>(model[2]);
        var first = (Linear)model[1];
        Assert.All(first.Weight.Data, v => Assert.InRange(v, -0.125f, 0.125f));
        Assert.True(first.Weight.Data.Max() > 0.1f); // not the tiny normal(0, 0.01) init
    }

    [Fact]
    public void SameRngSeed_GivesIdenticalModels()
    {
        var a = ModelFactory.BuildMlp(MlpSpec.D2lDefault, new Rng(7)).Parameters().Select(p => p.Data).ToArray();
        var b = ModelFactory.BuildMlp(MlpSpec.D2lDefault, new Rng(7)).Parameters().Select(p => p.Data).ToArray();
        var c = ModelFactory.BuildMlp(MlpSpec.D2lDefault, new Rng(8)).Parameters().Select(p => p.Data).ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i]);
        Assert.NotEqual(a[0], c[0]);
    }

    [Fact]
    public void NonPositiveSizes_AreUserErrors()
    {
        Assert.Throws<DendriteException>(() => ModelFactory.BuildMlp(MlpSpec.D2lDefault with { Hidden = [256, 0] }, new Rng(0)));
        Assert.Throws<DendriteException>(() => ModelFactory.BuildMlp(MlpSpec.D2lDefault with { Classes = 0 }, new Rng(0)));
    }
}
