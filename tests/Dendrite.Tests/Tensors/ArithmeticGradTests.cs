using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class ArithmeticGradTests
{
    /// <summary>Shape pairs covering same shape, matrix ⊕ row vector, tensor ⊕ scalar, [n,1] ⊕ [1,m] and rank-3 broadcasts.</summary>
    public static TheoryData<int[], int[]> ShapePairs => new()
    {
        { [3, 4], [3, 4] },
        { [3, 4], [4] },
        { [4], [3, 4] },
        { [3, 4], [] },
        { [], [3, 4] },
        { [3, 1], [1, 4] },
        { [2, 3, 4], [3, 1] },
        { [2, 1, 4], [2, 3, 1] },
    };

    private static Tensor In(ulong seed, int[] shape) => GradCheck.RandomInput(new Rng(seed), shape);

    /// <summary>Divisors stay at least 0.5 from zero so 1/b is smooth within the step.</summary>
    private static Tensor Divisor(ulong seed, int[] shape) => GradCheck.RandomInput(new Rng(seed), shape, -2f, 2f, minAbs: 0.5f);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Add_GradientMatchesFiniteDifferences(int[] a, int[] b) =>
        GradCheck.Check(x => x[0] + x[1], [In(1, a), In(2, b)]);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Sub_GradientMatchesFiniteDifferences(int[] a, int[] b) =>
        GradCheck.Check(x => x[0] - x[1], [In(3, a), In(4, b)]);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Mul_GradientMatchesFiniteDifferences(int[] a, int[] b) =>
        GradCheck.Check(x => x[0] * x[1], [In(5, a), In(6, b)]);

    [Theory, MemberData(nameof(ShapePairs))]
    public void Div_GradientMatchesFiniteDifferences(int[] a, int[] b) =>
        GradCheck.Check(x => x[0] / x[1], [In(7, a), Divisor(8, b)]);

    [Fact]
    public void Mul_OnlyOneOperandRequiringGrad_GetsItsGradient()
    {
        var constant = Tensor.Randn(new Rng(9), [3, 4]);
        GradCheck.Check(x => x[0] * x[1], [In(10, [3, 4]), constant]);
        Assert.Null(constant.Grad);
    }

    [Fact]
    public void ScalarOps_GradientsMatchFiniteDifferences()
    {
        var shape = new[] { 2, 3 };
        GradCheck.Check(x => x + 2.5f, In(11, shape));
        GradCheck.Check(x => 2.5f + x, In(12, shape));
        GradCheck.Check(x => x - 1.5f, In(13, shape));
        GradCheck.Check(x => 1.5f - x, In(14, shape));
        GradCheck.Check(x => x * -3f, In(15, shape));
        GradCheck.Check(x => -3f * x, In(16, shape));
        GradCheck.Check(x => x / 4f, In(17, shape));
        GradCheck.Check(x => 2f / x, Divisor(18, shape));
        GradCheck.Check(x => -x, In(19, shape));
    }

    [Fact]
    public void ScalarOps_ComputeExpectedValues()
    {
        var x = Tensor.FromArray([1f, -2f, 4f]);
        Assert.Equal([3f, 0f, 6f], (x + 2f).ToArray());
        Assert.Equal([1f, 4f, -2f], (2f - x).ToArray());
        Assert.Equal([0.5f, -1f, 2f], (x / 2f).ToArray());
        Assert.Equal([2f, -1f, 0.5f], (2f / x).ToArray());
        Assert.Equal([-1f, 2f, -4f], (-x).ToArray());
    }
}
