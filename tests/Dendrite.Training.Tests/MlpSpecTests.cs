using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Random;

namespace Dendrite.Training.Tests;

/// <summary>
/// <see cref="MlpSpec.Build"/>, which replaced ModelFactory.BuildMlp: the layers, their initialization and the limits.
/// (MlpSpec lives in the core library now; these tests stay with the trainer that builds every model from it.)
/// </summary>
public class MlpSpecTests
{
    [Fact]
    public void D2lDefault_Builds784_256_10WithReLU()
    {
        var model = MlpSpec.D2lDefault.Build(new Rng(0));
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
        var model = MlpSpec.D2lDefault.Build(new Rng(0));
        var w = ((Linear)model[1]).Weight.Data;
        double std = Math.Sqrt(w.Average(v => (double)v * v));
        Assert.InRange(std, 0.0098, 0.0102);
        Assert.All(((Linear)model[1]).Bias!.Data, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void NoHidden_GivesSoftmaxRegression()
    {
        var model = (MlpSpec.D2lDefault with { Hidden = [] }).Build(new Rng(0));
        Assert.Equal(2, model.Count);
        Assert.IsType<Flatten>(model[0]);
        Assert.Equal("Linear(in=784, out=10, bias=True)", model[1].ToString());
        Assert.Equal(7_850, model.ParameterCount);
    }

    [Fact]
    public void TwoHiddenLayers_WithTanh_AlternateLinearAndActivation()
    {
        var model = new MlpSpec(20, [8, 4], 3, "tanh").Build(new Rng(0));
        Assert.Equal(["Flatten()", "Linear(in=20, out=8, bias=True)", "Tanh()", "Linear(in=8, out=4, bias=True)", "Tanh()",
            "Linear(in=4, out=3, bias=True)"], model.Select(m => m.ToString()));
        Assert.Equal(["1.weight", "1.bias", "3.weight", "3.bias", "5.weight", "5.bias"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void DefaultInit_KeepsTorchUniformBounds()
    {
        var spec = new MlpSpec(64, [32], 10, "sigmoid");
        Assert.Same(LinearInit.Default, spec.InitScheme);
        var model = spec.Build(new Rng(0));
        Assert.IsType<Sigmoid>(model[2]);
        var first = (Linear)model[1];
        Assert.All(first.Weight.Data, v => Assert.InRange(v, -0.125f, 0.125f));
        Assert.True(first.Weight.Data.Max() > 0.1f); // not the tiny normal(0, 0.01) init
    }

    [Fact]
    public void SameRngSeed_GivesIdenticalModels()
    {
        var a = MlpSpec.D2lDefault.Build(new Rng(7)).Parameters().Select(p => p.Data).ToArray();
        var b = MlpSpec.D2lDefault.Build(new Rng(7)).Parameters().Select(p => p.Data).ToArray();
        var c = MlpSpec.D2lDefault.Build(new Rng(8)).Parameters().Select(p => p.Data).ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i]);
        Assert.NotEqual(a[0], c[0]);
    }

    [Fact]
    public void Build_MakesExactlyTheLayersToConfigDescribes()
    {
        var spec = new MlpSpec(6, [8, 4], 3, "gelu", LinearInit.Kaiming(uniform: true), 0.25f, BatchNorm: true);
        Assert.Equal(spec.ToConfig(), spec.Build(new Rng(0), new Rng(1)).ToConfig());
        // And the description rebuilds the same layers, so a checkpoint can rebuild the model without the recipe.
        Assert.Equal(spec.ToConfig(), spec.ToConfig().Build(new Rng(0)).ToConfig());
    }

    [Fact]
    public void ForData_FillsInputsAndOutputs_WhichZeroLeavesOpen()
    {
        var recipe = new MlpSpec(0, [8], 0, "relu");
        recipe.Validate(); // 0 means "from the data", which is valid before the data is seen
        var spec = recipe.ForData(5, 2);
        Assert.Equal("5-8-2", spec.Describe());
        Assert.Equal(5, spec.ToConfig().InputWidth);
        // The layers cannot be described, let alone built, before the data has given the widths.
        Assert.Throws<InvalidOperationException>(() => recipe.ToConfig());
        Assert.Throws<InvalidOperationException>(() => recipe.Build(new Rng(0)));
    }

    [Fact]
    public void NonPositiveSizes_AreUserErrors()
    {
        Assert.Throws<ModelConfigException>(() => (MlpSpec.D2lDefault with { Hidden = [256, 0] }).Build(new Rng(0)));
        Assert.Throws<ModelConfigException>(() => (MlpSpec.D2lDefault with { Outputs = -1 }).Build(new Rng(0)));
        Assert.Throws<ModelConfigException>(() => (MlpSpec.D2lDefault with { Inputs = -3 }).Validate());
    }

    [Fact]
    public void Validate_RefusesSizesBeyondTheLimits_BeforeAllocatingAnything()
    {
        var limits = new ModelLimits(MaxWidth: 100, MaxTensorElements: 1000);
        var wide = Assert.Throws<ModelConfigException>(() => new MlpSpec(0, [101], 0).Validate(limits));
        Assert.Contains("101", wide.Message, StringComparison.Ordinal);
        // Two hidden layers of 40 need a 40 × 40 = 1,600-value weight; a gated activation doubles it.
        var heavy = Assert.Throws<ModelConfigException>(() => new MlpSpec(0, [40, 40], 0).Validate(limits));
        Assert.Contains("1,600", heavy.Message, StringComparison.Ordinal);
        new MlpSpec(0, [30, 30], 0).Validate(limits);
        Assert.Throws<ModelConfigException>(() => new MlpSpec(0, [30, 30], 0, "swiglu").Validate(limits));
        // With the data's widths known the whole model is checked: a 784 × 90 input weight is too large here.
        Assert.Throws<ModelConfigException>(() => new MlpSpec(784, [90], 10).Validate(limits with { MaxWidth = 1000 }));
    }
}
