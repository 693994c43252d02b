using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;
using Xunit.Sdk;

namespace Dendrite.Tests.Autograd;

/// <summary>The gradient checker must itself be able to fail, or every gradient test passes vacuously.</summary>
public class GradCheckTests
{
    /// <summary>y = x² but with backward g·x: the factor 2 is missing.</summary>
    private static Tensor WrongSquare(Tensor x)
    {
        var y = x.Detach() * x.Detach();
        y.AttachGradFn("wrong_square", [x], g => [g * x]);
        return y;
    }

    [Fact]
    public void Check_Fails_ForAWrongBackward()
    {
        var ex = Assert.ThrowsAny<XunitException>(() =>
            GradCheck.Check(WrongSquare, GradCheck.RandomInput(new Rng(1), [3, 2])));
        Assert.Contains("input 0 [3, 2]", ex.Message);
        Assert.Contains("analytic", ex.Message);
    }

    [Fact]
    public void Check_Fails_ForSwappedOperandGradients()
    {
        // d(a·b)/da reported as a instead of b: r-projection makes this visible even when shapes agree.
        Tensor SwappedMul(Tensor[] x)
        {
            var y = x[0].Detach() * x[1].Detach();
            y.AttachGradFn("swapped_mul", [x[0], x[1]], g => [g * x[0], g * x[1]]);
            return y;
        }
        Assert.ThrowsAny<XunitException>(() => GradCheck.Check(SwappedMul,
            [GradCheck.RandomInput(new Rng(2), [4]), GradCheck.RandomInput(new Rng(3), [4])]));
    }

    [Fact]
    public void Check_Fails_WhenTheOpRecordsNothing() =>
        Assert.ThrowsAny<XunitException>(() =>
            GradCheck.Check(x => x.Detach() * 2f, GradCheck.RandomInput(new Rng(4), [2])));

    [Fact]
    public void Check_Passes_ForACorrectBackward() =>
        GradCheck.Check(x => x * x, GradCheck.RandomInput(new Rng(5), [3, 2]));

    [Fact]
    public void RandomInput_KeepsAwayFromZero_AndDistinctInput_HasNoTies()
    {
        var r = GradCheck.RandomInput(new Rng(6), [1000], minAbs: 0.05f);
        Assert.All(r.Data, v => Assert.True(MathF.Abs(v) >= 0.05f));
        Assert.True(r.RequiresGrad);
        var d = GradCheck.DistinctInput(new Rng(7), [50]);
        Assert.Equal(50, d.Data.Distinct().Count());
    }
}
