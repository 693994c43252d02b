using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Random;

namespace Dendrite.Training.Tests;

/// <summary>The recipe's options beyond widths: the activation by name, gated activations, batch norm and dropout.</summary>
public class MlpSpecOptionsTests
{
    private static readonly MlpSpec Base = new(6, [8, 4], 3, "relu");

    [Fact]
    public void Activation_BuildsTheRegistryModule_AfterEveryHiddenLinear()
    {
        var model = (Base with { Activation = "gelu" }).Build(new Rng(0));
        Assert.Equal(2, model.OfType<GELU>().Count());
        Assert.Empty(model.OfType<ReLU>());
    }

    [Fact]
    public void GatedActivation_DoublesThePrecedingLinear_SoTheHiddenWidthIsKept()
    {
        var model = (Base with { Activation = "swiglu" }).Build(new Rng(0));
        var linears = model.OfType<Linear>().ToList();
        Assert.Equal([16, 8, 3], linears.Select(l => l.OutFeatures));
        Assert.Equal([6, 8, 4], linears.Select(l => l.InFeatures));
        Assert.Equal([5, 3], model.OutputShape([5, 6]));
    }

    [Fact]
    public void BatchNormAndDropout_AreInsertedAroundTheActivation()
    {
        var model = (Base with { BatchNorm = true, Dropout = 0.25f }).Build(new Rng(0));
        Assert.Equal(["Flatten", "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear"],
            model.Select(m => m.GetType().Name));
        Assert.All(model.OfType<Dropout>(), d => Assert.Equal(0.25f, d.P));
    }

    [Fact]
    public void AddingDropout_LeavesTheInitialWeightsUnchanged()
    {
        var plain = (Base with { Init = LinearInit.Parse("kaiming_uniform") }).Build(new Rng(5));
        var dropped = (Base with { Init = LinearInit.Parse("kaiming_uniform"), Dropout = 0.5f }).Build(new Rng(5));
        Assert.Equal(plain.Parameters().Select(p => p.Data), dropped.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void DropoutStreams_ComeFromTheDropoutRng_WhenOneIsGiven()
    {
        var spec = Base with { Dropout = 0.5f };
        var x = new Tensors.Tensor([.. Enumerable.Range(0, 4 * 6).Select(i => 1f + i)], 4, 6);
        float[] Masks(Rng? dropout)
        {
            var model = spec.Build(new Rng(5), dropout);
            model.Train();
            return model.Forward(new Tensors.Tensor((float[])x.Data.Clone(), 4, 6)).Data;
        }
        Assert.Equal(Masks(new Rng(9)), Masks(new Rng(9)));
        Assert.NotEqual(Masks(new Rng(9)), Masks(new Rng(10)));
        Assert.NotEqual(Masks(new Rng(9)), Masks(null));
    }

    [Fact]
    public void UnknownActivationName_OrBadDropout_IsRejected()
    {
        var unknown = Assert.Throws<ModelConfigException>(() => (Base with { Activation = "nope" }).Build(new Rng(0)));
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ModelConfigException>(() => (Base with { Dropout = 1f }).Build(new Rng(0)));
        Assert.Throws<ModelConfigException>(() => (Base with { Dropout = -0.1f }).Build(new Rng(0)));
    }

    [Fact]
    public void DropoutBatchNormAndGeluModels_CompileToTheFusedPlan_GatedOnesDoNot()
    {
        Assert.NotNull(Nn.Fused.FusedMlp.TryCompile((Base with { Dropout = 0.2f }).Build(new Rng(0))));
        Assert.NotNull(Nn.Fused.FusedMlp.TryCompile((Base with { BatchNorm = true }).Build(new Rng(0))));
        Assert.NotNull(Nn.Fused.FusedMlp.TryCompile((Base with { BatchNorm = true, Dropout = 0.2f, Activation = "gelu" }).Build(new Rng(0))));
        Assert.Null(Nn.Fused.FusedMlp.TryCompile((Base with { Activation = "swiglu" }).Build(new Rng(0))));
    }
}
