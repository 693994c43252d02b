using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class UnaryTests
{
    private static readonly int[] Shape = [3, 4];

    [Fact]
    public void Exp_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Exp(), GradCheck.RandomInput(new Rng(1), Shape, -2f, 2f));

    [Fact]
    public void Log_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Log(), GradCheck.RandomInput(new Rng(2), Shape, 0.5f, 3f));

    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(1f)]
    [InlineData(0f)]
    public void Pow_IntegerExponent_GradientMatchesFiniteDifferences_ForNegativeBases(float p) =>
        GradCheck.Check(x => x.Pow(p), GradCheck.RandomInput(new Rng(3), Shape, -2f, 2f, minAbs: 0.3f));

    [Theory]
    [InlineData(0.5f)]
    [InlineData(1.5f)]
    [InlineData(-0.5f)]
    public void Pow_FractionalExponent_GradientMatchesFiniteDifferences(float p) =>
        GradCheck.Check(x => x.Pow(p), GradCheck.RandomInput(new Rng(4), Shape, 0.5f, 3f));

    [Fact]
    public void Sqrt_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Sqrt(), GradCheck.RandomInput(new Rng(5), Shape, 0.5f, 3f));

    [Fact]
    public void Pow_NegativeBaseWithIntegerExponent_IsDefined()
    {
        var x = Tensor.FromArray([-2f, -1.5f, 3f]);
        Assert.Equal([4f, 2.25f, 9f], x.Pow(2f).ToArray());
        Assert.Equal([-8f, -3.375f, 27f], x.Pow(3f).ToArray());
    }

    [Fact]
    public void ExpLogSqrt_ComputeExpectedValues()
    {
        var x = Tensor.FromArray([0f, 1f, 4f]);
        float[] exp = x.Exp().ToArray();
        Assert.Equal(1f, exp[0]);
        Assert.Equal(MathF.E, exp[1], 1e-6f);
        Assert.Equal([float.NegativeInfinity, 0f, MathF.Log(4f)], x.Log().ToArray());
        Assert.Equal([0f, 1f, 2f], x.Sqrt().ToArray());
    }
}
