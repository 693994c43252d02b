using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

public class MseLossTests
{
    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void MseLoss_GradientMatchesFiniteDifferences_ForBothOperands(Reduction reduction) =>
        GradCheck.Check(x => F.MseLoss(x[0], x[1], reduction),
            [GradCheck.RandomInput(new Rng(1), [3, 4]), GradCheck.RandomInput(new Rng(2), [3, 4])]);

    [Fact]
    public void MseLoss_ColumnAgainstVector_ComparesElementwise_AndGradientMatches()
    {
        var pred = Tensor.FromArray([1f, 2f, 3f], 3, 1);
        var target = Tensor.FromArray([1f, 0f, 0f]);
        Assert.Equal((0f + 4f + 9f) / 3f, F.MseLoss(pred, target).Item(), 1e-6f); // not the [3,3] broadcast
        GradCheck.Check(x => F.MseLoss(x[0], x[1], Reduction.None),
            [GradCheck.RandomInput(new Rng(3), [4, 1]), GradCheck.RandomInput(new Rng(4), [4])]);
    }

    [Fact]
    public void MseLoss_ComputesValues()
    {
        var p = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var t = Tensor.FromArray([0f, 2f, 5f, 4f], 2, 2);
        Assert.Equal(5f / 4f, F.MseLoss(p, t).Item());
        Assert.Equal(5f, F.MseLoss(p, t, Reduction.Sum).Item());
        var none = F.MseLoss(p, t, Reduction.None);
        Assert.Equal([2, 2], none.ShapeArray);
        Assert.Equal([1f, 0f, 4f, 0f], none.ToArray());
    }

    [Fact]
    public void MseLoss_DifferentShapes_ThrowNamingBoth()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => F.MseLoss(Tensor.Zeros(3, 2), Tensor.Zeros(3)));
        Assert.Contains("[3, 2]", ex.Message);
        Assert.Contains("[3]", ex.Message);
    }
}
