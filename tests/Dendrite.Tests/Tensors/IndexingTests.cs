using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class IndexingTests
{
    [Fact]
    public void GatherRows_GradientMatchesFiniteDifferences_WithRepeatedRows() =>
        GradCheck.Check(x => x.GatherRows([3, 0, 3, 1, 3]), GradCheck.RandomInput(new Rng(1), [4, 3]));

    [Fact]
    public void GatherRows_Rank3_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.GatherRows([1, 1, 0]), GradCheck.RandomInput(new Rng(2), [2, 2, 3]));

    [Fact]
    public void GatherRows_CopiesRowsInOrder()
    {
        var t = Tensor.Arange(0f, 6f).Reshape(3, 2);
        var g = t.GatherRows([2, 0, 2]);
        Assert.Equal([3, 2], g.ShapeArray);
        Assert.Equal([4f, 5f, 0f, 1f, 4f, 5f], g.ToArray());
    }

    [Fact]
    public void GatherRows_RepeatedRows_AccumulateGradient()
    {
        var t = Tensor.Zeros(3, 2);
        t.RequiresGrad = true;
        t.GatherRows([1, 1, 1, 2]).Sum().Backward();
        Assert.Equal([0f, 0f, 3f, 3f, 1f, 1f], t.Grad!.ToArray());
    }

    [Fact]
    public void GatherRows_OutOfRangeIndex_ThrowsNamingIndexAndShape()
    {
        var t = Tensor.Zeros(3, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.GatherRows([0, 3]));
        Assert.Contains("3", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.GatherRows([-1]));
    }
}
