using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class ReductionTests
{
    private static readonly int[] Shape3 = [2, 3, 4];

    public static TheoryData<int, bool> AxesRank3 => new()
    {
        { 0, false }, { 1, false }, { 2, false }, { -1, false },
        { 0, true }, { 1, true }, { 2, true }, { -2, true },
    };

    [Fact]
    public void Sum_All_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Sum(), GradCheck.RandomInput(new Rng(1), Shape3));

    [Fact]
    public void Mean_All_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Mean(), GradCheck.RandomInput(new Rng(2), Shape3));

    [Theory, MemberData(nameof(AxesRank3))]
    public void Sum_Axis_GradientMatchesFiniteDifferences(int axis, bool keepDim) =>
        GradCheck.Check(x => x.Sum(axis, keepDim), GradCheck.RandomInput(new Rng(3), Shape3));

    [Theory, MemberData(nameof(AxesRank3))]
    public void Mean_Axis_GradientMatchesFiniteDifferences(int axis, bool keepDim) =>
        GradCheck.Check(x => x.Mean(axis, keepDim), GradCheck.RandomInput(new Rng(4), Shape3));

    [Theory, MemberData(nameof(AxesRank3))]
    public void Max_Axis_GradientMatchesFiniteDifferences(int axis, bool keepDim) =>
        GradCheck.Check(x => x.Max(axis, keepDim), GradCheck.DistinctInput(new Rng(5), Shape3));

    [Fact]
    public void Sum_All_IsZeroDim()
    {
        var s = Tensor.Arange(0f, 6f).Reshape(2, 3).Sum();
        Assert.Equal(0, s.Rank);
        Assert.Equal(15f, s.Item());
        Assert.Equal(2.5f, Tensor.Arange(0f, 6f).Mean().Item());
    }

    [Fact]
    public void SumAndMean_Axis_ComputeValuesAndShapes()
    {
        var t = Tensor.Arange(0f, 24f).Reshape(2, 3, 4);
        var s0 = t.Sum(0);
        Assert.Equal([3, 4], s0.ShapeArray);
        Assert.Equal(0f + 12f, s0.Data[0]);
        var s1 = t.Sum(1, keepDim: true);
        Assert.Equal([2, 1, 4], s1.ShapeArray);
        Assert.Equal([12f, 15f, 18f, 21f, 48f, 51f, 54f, 57f], s1.ToArray());
        var m2 = t.Mean(-1);
        Assert.Equal([2, 3], m2.ShapeArray);
        Assert.Equal([1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f], m2.ToArray());
    }

    [Fact]
    public void Max_Axis_ComputesValuesAndShapes()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 5, 2 }, { 7, 0, 3 } });
        Assert.Equal([7f, 5f, 3f], t.Max(0).ToArray());
        var m1 = t.Max(1, keepDim: true);
        Assert.Equal([2, 1], m1.ShapeArray);
        Assert.Equal([5f, 7f], m1.ToArray());
    }

    [Fact]
    public void Max_Ties_SendGradientToFirstMaximalElementOnly()
    {
        var t = Tensor.FromArray([3f, 1f, 3f, 3f]);
        t.RequiresGrad = true;
        t.Max(0).Backward();
        Assert.Equal([1f, 0f, 0f, 0f], t.Grad!.ToArray());
    }

    [Fact]
    public void ArgMax_IsRowMajorOverRemainingDims_AndPicksFirstTie()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 9, 9 }, { 4, 2, 0 } });
        Assert.Equal([1, 0], t.ArgMax());
        Assert.Equal([1, 0, 0], t.ArgMax(0));
        var r3 = Tensor.FromArray([0f, 5f, 1f, 2f, 7f, 3f, 6f, 4f], 2, 2, 2);
        Assert.Equal([1, 0, 0, 1], r3.ArgMax(1)); // lanes (0,0)=[0,1] (0,1)=[5,2] (1,0)=[7,6] (1,1)=[3,4]
    }

    [Fact]
    public void ArgMaxAndMax_TreatNaNAsMaximum()
    {
        var t = Tensor.FromArray([1f, float.NaN, 5f]);
        Assert.Equal([1], t.ArgMax());
        Assert.True(float.IsNaN(t.Max(0).Item()));
    }

    [Fact]
    public void Reductions_RejectOutOfRangeAxis()
    {
        var t = Tensor.Zeros(2, 3);
        Assert.Throws<ShapeMismatchException>(() => t.Sum(2));
        Assert.Throws<ShapeMismatchException>(() => t.Mean(-3));
        Assert.Throws<ShapeMismatchException>(() => t.ArgMax(5));
    }
}
