using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class ShapeTests
{
    [Fact]
    public void Reshape_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Reshape(4, -1) * Tensor.Arange(0f, 6f), GradCheck.RandomInput(new Rng(1), [2, 3, 4]));

    [Fact]
    public void Reshape_InfersMinusOne_AndSharesData()
    {
        var t = Tensor.Arange(0f, 12f);
        var r = t.Reshape(3, -1);
        Assert.Equal([3, 4], r.ShapeArray);
        Assert.Same(t.Data, r.Data);
        Assert.Equal([2, 6], t.Reshape(-1, 6).ShapeArray);
        Assert.Equal([12, 1], t.Reshape(-1, 1).ShapeArray);
    }

    [Fact]
    public void Reshape_InvalidShapes_Throw()
    {
        var t = Tensor.Arange(0f, 12f);
        Assert.Throws<ShapeMismatchException>(() => t.Reshape(5, -1));
        Assert.Throws<ShapeMismatchException>(() => t.Reshape(-1, -1));
        Assert.Throws<ShapeMismatchException>(() => t.Reshape(3, 5));
    }

    [Fact]
    public void Item_ReturnsSingleValue_AndRejectsLargerTensors()
    {
        Assert.Equal(4.5f, Tensor.Scalar(4.5f).Item());
        Assert.Equal(2f, Tensor.FromArray([2f], 1, 1).Item());
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(2).Item());
        Assert.Contains("[2]", ex.Message);
    }

    [Fact]
    public void Dim_AcceptsNegativeAxes()
    {
        var t = Tensor.Zeros(2, 3, 4);
        Assert.Equal(4, t.Dim(-1));
        Assert.Equal(2, t.Dim(-3));
        Assert.Throws<ShapeMismatchException>(() => t.Dim(3));
    }
}
