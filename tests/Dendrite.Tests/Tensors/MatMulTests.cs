using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class MatMulTests
{
    [Fact]
    public void MatMul_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x[0].MatMul(x[1]),
            [GradCheck.RandomInput(new Rng(1), [3, 4]), GradCheck.RandomInput(new Rng(2), [4, 5])]);

    [Fact]
    public void Transpose_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.T, GradCheck.RandomInput(new Rng(3), [3, 5]));

    [Fact]
    public void MatMulOfTranspose_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x[0].T.MatMul(x[1]),
            [GradCheck.RandomInput(new Rng(4), [4, 3]), GradCheck.RandomInput(new Rng(5), [4, 2])]);

    [Fact]
    public void MatMul_ComputesProduct()
    {
        var a = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var b = Tensor.FromArray(new float[,] { { 1, 0, 2 }, { -1, 1, 0 } });
        var c = a.MatMul(b);
        Assert.Equal([3, 3], c.ShapeArray);
        Assert.Equal([-1f, 2f, 2f, -1f, 4f, 6f, -1f, 6f, 10f], c.ToArray());
        Assert.Equal([1f, 3f, 5f, 2f, 4f, 6f], a.T.ToArray());
    }

    [Fact]
    public void MatMul_InnerDimensionMismatch_ThrowsNamingShapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4, 5]", ex.Message);
    }
}
