using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Training.Tests.Policy;

public class ModelOptionsTests
{
    private static readonly MlpSpec Base = new(6, [8, 4], 3, ActivationKind.Relu, LinearInit.Default);

    [Fact]
    public void ActivationName_BuildsTheRegistryModule_AfterEveryHiddenLinear()
    {
        var model = ModelFactory.BuildMlp(Base with { ActivationName = "gelu" }, new Rng(0));
        Assert.Equal(2, model.OfType<GELU>().Count());
        Assert.Empty(model.OfType<ReLU>());
    }

    [Fact]
    public void GatedActivation_DoublesThePrecedingLinear_SoTheHiddenWidthIsKept()
    {
        var model = ModelFactory.BuildMlp(Base with { ActivationName = "swiglu" }, new Rng(0));
        var linears = model.OfType<Linear>().ToList();
        Assert.Equal([16, 8, 3], linears.Select(l => l.OutFeatures));
        Assert.Equal([6, 8, 4], linears.Select(l => l.InFeatures));
        Assert.Equal([5, 3], model.OutputShape([5, 6]));
    }

    [Fact]
    public void BatchNormAndDropout_AreInsertedAroundTheActivation()
    {
        var model = ModelFactory.BuildMlp(Base with { BatchNorm = true, Dropout = 0.25f }, new Rng(0));
        Assert.Equal(["Flatten", "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear"],
            model.Select(m => m.GetType().Name));
        Assert.All(model.OfType<Dropout>(), d => Assert.Equal(0.25f, d.P));
    }

    [Fact]
    public void AddingDropout_LeavesTheInitialWeightsUnchanged()
    {
        var plain = ModelFactory.BuildMlp(Base with { Init = LinearInit.Parse("kaiming_uniform") }, new Rng(5));
        var dropped = ModelFactory.BuildMlp(Base with { Init = LinearInit.Parse("kaiming_uniform"), Dropout = 0.5f }, new Rng(5));
        Assert.Equal(plain.Parameters().Select(p => p.Data), dropped.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void UnknownActivationName_OrBadDropout_IsRejected()
    {
        Assert.Throws<DendriteException>(() => ModelFactory.BuildMlp(Base with { ActivationName = "nope" }, new Rng(0)));
        Assert.Throws<DendriteException>(() => ModelFactory.BuildMlp(Base with { Dropout = 1f }, new Rng(0)));
    }

    [Fact]
    public void DropoutBatchNormAndGeluModels_CompileToTheFusedPlan_GatedOnesDoNot()
    {
        Assert.NotNull(Nn.Fused.FusedMlp.TryCompile(ModelFactory.BuildMlp(Base with { Dropout = 0.2f }, new Rng(0))));
        Assert.NotNull(Nn.Fused.FusedMlp.TryCompile(ModelFactory.BuildMlp(Base with { BatchNorm = true }, new Rng(0))));
        Assert.NotNull(Nn.Fused.FusedMlp.TryCompile(ModelFactory.BuildMlp(
            Base with { BatchNorm = true, Dropout = 0.2f, ActivationName = "gelu" }, new Rng(0))));
        Assert.Null(Nn.Fused.FusedMlp.TryCompile(ModelFactory.BuildMlp(Base with { ActivationName = "swiglu" }, new Rng(0))));
    }
}
