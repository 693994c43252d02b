using Dendrite.Optim;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Optim;

[Collection(nameof(KernelThreadsUsers))]
public class OptimizerBehaviourTests
{
    public static TheoryData<string> Names => AllOptimizers.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_AllocatesNothing_AfterWarmUp(string name)
    {
        var ps = QuadraticProblem.NewParameters();
        var optimizer = AllOptimizers.Makers[name](ps);
        QuadraticProblem.SetGradients(ps);
        // Best of three rounds after warm-up (JIT, first-step paths): CI once saw a one-off 2,304 bytes in a single round.
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            QuadraticProblem.RefreshGradients(ps);
            optimizer.Step();
        }));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Step_DoesNotTouchTheGradient_AndRecordsNoHistory(string name)
    {
        var ps = QuadraticProblem.NewParameters();
        QuadraticProblem.SetGradients(ps);
        float[] grad = (float[])ps[0].Grad!.Data.Clone();
        AllOptimizers.Makers[name](ps).Step();
        Assert.Equal(grad, ps[0].Grad!.Data);
        Assert.True(ps[0].IsLeaf);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void LearningRate_SetToZero_LeavesParametersUnchanged(string name)
    {
        // lr multiplies every update (and AdamW's decoupled decay), so lr = 0 must leave parameters unchanged.
        var ps = QuadraticProblem.NewParameters();
        var optimizer = AllOptimizers.Makers[name](ps);
        optimizer.LearningRate = 0f;
        float[] before = (float[])ps[0].Data.Clone();
        QuadraticProblem.SetGradients(ps);
        optimizer.Step();
        Assert.Equal(before, ps[0].Data);
    }

    [Fact]
    public void LearningRate_ChangedBetweenSteps_IsUsedByTheNextStep()
    {
        var p = new Parameter([1f], 1);
        var sgd = new Sgd([p], new SgdOptions(0.1f));
        sgd.LearningRate = 0.5f;
        p.Grad = Tensor.FromArray([2f]);
        sgd.Step();
        Assert.Equal(0f, p.Data[0]);
        Assert.Equal(0.1f, sgd.Options.LearningRate);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void LearningRate_RejectsNegativeOrNonFinite(float lr)
    {
        var sgd = new Sgd([new Parameter([1f], 1)], new SgdOptions(0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = lr);
    }

    [Fact]
    public void Adagrad_InitialAccumulatorValue_IsTheStartingSum()
    {
        var p = new Parameter([0f], 1);
        var adagrad = new Adagrad([p], new AdagradOptions(1f, InitialAccumulatorValue: 3f, Epsilon: 1e-10f));
        p.Grad = Tensor.FromArray([1f]);
        adagrad.Step();
        Assert.Equal(4f, adagrad.ExportState().Buffers["0.sum"][0]);
        Assert.Equal(-0.5f, p.Data[0], 6); // −1·1/√4
    }

    [Fact]
    public void Sgd_WithoutMomentum_KeepsNoState()
    {
        var sgd = new Sgd(QuadraticProblem.NewParameters(), new SgdOptions(0.1f, WeightDecay: 0.1f));
        Assert.Empty(sgd.ExportState().Buffers);
    }
}
