using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

public class OptimizerStateTests
{
    public static TheoryData<string> Names => AllOptimizers.Names;

    private static void Steps(IOptimizer optimizer, Parameter[] ps, int count)
    {
        for (int i = 0; i < count; i++)
        {
            QuadraticProblem.SetGradients(ps);
            optimizer.Step();
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ExportThenImportIntoANewOptimizer_ContinuesBitIdentically(string name)
    {
        var make = AllOptimizers.Makers[name];
        var uninterrupted = QuadraticProblem.NewParameters();
        var reference = make(uninterrupted);
        Steps(reference, uninterrupted, 7);

        var resumed = QuadraticProblem.NewParameters();
        var first = make(resumed);
        first.LearningRate *= 1f; // unchanged, but exercise the setter path a schedule would use
        Steps(first, resumed, 3);
        OptimizerState saved = first.ExportState();
        float[][] savedParams = resumed.Select(p => (float[])p.Data.Clone()).ToArray();

        var restoredParams = QuadraticProblem.NewParameters();
        for (int i = 0; i < restoredParams.Length; i++) savedParams[i].CopyTo(restoredParams[i].Data, 0);
        var second = make(restoredParams);
        second.ImportState(saved);
        Steps(second, restoredParams, 4);

        for (int i = 0; i < uninterrupted.Length; i++) Assert.Equal(uninterrupted[i].Data, restoredParams[i].Data);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WithoutImport_ResumingFromFreshState_Differs(string name)
    {
        // The counterpart of the round-trip test: it shows the state matters, so that test can fail.
        var make = AllOptimizers.Makers[name];
        var uninterrupted = QuadraticProblem.NewParameters();
        Steps(make(uninterrupted), uninterrupted, 7);
        var resumed = QuadraticProblem.NewParameters();
        Steps(make(resumed), resumed, 3);
        Steps(make(resumed), resumed, 4);
        Assert.NotEqual(uninterrupted[0].Data, resumed[0].Data);
    }

    [Fact]
    public void ExportState_UsesPyTorchNamesPerParameterIndex_AndCopiesTheBuffers()
    {
        var ps = QuadraticProblem.NewParameters();
        var adam = new Adam(ps, new AdamOptions(0.01f, AmsGrad: true));
        Steps(adam, ps, 2);
        OptimizerState state = adam.ExportState();
        Assert.Equal(["0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq", "1.exp_avg", "1.exp_avg_sq", "1.max_exp_avg_sq"], state.Buffers.Keys);
        Assert.Equal(["0.step", "1.step", "lr"], state.Scalars.Keys);
        Assert.Equal(2.0, state.Scalars["0.step"]);
        Assert.Equal(0.01f, (float)state.Scalars["lr"]);
        Assert.Equal(4, state.Buffers["0.exp_avg"].Length);
        float before = state.Buffers["0.exp_avg"][0];
        Steps(adam, ps, 1);
        Assert.Equal(before, state.Buffers["0.exp_avg"][0]); // a snapshot, not a view
    }

    [Fact]
    public void StepCount_AdvancesOnlyForParametersWithGradients()
    {
        var ps = QuadraticProblem.NewParameters();
        var sgd = new Sgd(ps, new SgdOptions(0.1f, Momentum: 0.9f));
        QuadraticProblem.SetGradients(ps);
        ps[1].Grad = null;
        sgd.Step();
        var state = sgd.ExportState();
        Assert.Equal(1.0, state.Scalars["0.step"]);
        Assert.Equal(0.0, state.Scalars["1.step"]);
    }

    [Fact]
    public void ImportState_FromAnotherOptimizerKind_IsRejectedAndChangesNothing()
    {
        var ps = QuadraticProblem.NewParameters();
        var adam = new Adam(ps, new AdamOptions(0.01f));
        Steps(adam, ps, 1);
        var before = adam.ExportState();
        var rms = new RmsProp(QuadraticProblem.NewParameters(), new RmsPropOptions());
        var ex = Assert.Throws<OptimizerStateException>(() => adam.ImportState(rms.ExportState()));
        Assert.Contains("exp_avg", ex.Message);
        Assert.Equal(before.Buffers["0.exp_avg"], adam.ExportState().Buffers["0.exp_avg"]);
    }

    [Fact]
    public void ImportState_WithWrongBufferLength_NamesTheBuffer()
    {
        var adam = new Adam(QuadraticProblem.NewParameters(), new AdamOptions());
        var state = adam.ExportState();
        var buffers = new Dictionary<string, float[]>(state.Buffers) { ["1.exp_avg_sq"] = new float[5] };
        var ex = Assert.Throws<OptimizerStateException>(() => adam.ImportState(state with { Buffers = buffers }));
        Assert.Contains("'1.exp_avg_sq' has 5 values, expected 2", ex.Message);
    }

    [Fact]
    public void ImportState_WithNegativeOrFractionalStep_IsRejected()
    {
        var sgd = new Sgd(QuadraticProblem.NewParameters(), new SgdOptions(0.1f));
        var state = sgd.ExportState();
        var scalars = new Dictionary<string, double>(state.Scalars) { ["0.step"] = 1.5 };
        Assert.Throws<OptimizerStateException>(() => sgd.ImportState(state with { Scalars = scalars }));
    }

    [Fact]
    public void ImportState_RestoresTheLearningRate()
    {
        var a = new Sgd(QuadraticProblem.NewParameters(), new SgdOptions(0.1f)) { LearningRate = 0.025f };
        var b = new Sgd(QuadraticProblem.NewParameters(), new SgdOptions(0.1f));
        b.ImportState(a.ExportState());
        Assert.Equal(0.025f, b.LearningRate);
    }
}
