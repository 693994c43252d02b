using Dendrite.Tensors;

namespace Dendrite.Tests.Tensors;

public class BroadcastTests
{
    [Fact]
    public void MatrixPlusRowVector_AddsVectorToEveryRow()
    {
        var m = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var v = Tensor.FromArray([10f, 20f, 30f]);
        var r = m + v;
        Assert.Equal([2, 3], r.ShapeArray);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f], r.ToArray());
    }

    [Fact]
    public void ColumnTimesRow_GivesOuterProduct()
    {
        var col = Tensor.FromArray([1f, 2f, 3f], 3, 1);
        var row = Tensor.FromArray([10f, 100f], 1, 2);
        var r = col * row;
        Assert.Equal([3, 2], r.ShapeArray);
        Assert.Equal([10f, 100f, 20f, 200f, 30f, 300f], r.ToArray());
    }

    [Fact]
    public void ZeroDimScalar_BroadcastsOverAnyShape()
    {
        var t = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        var r = Tensor.Scalar(2f) - t;
        Assert.Equal([2, 2], r.ShapeArray);
        Assert.Equal([1f, 0f, -1f, -2f], r.ToArray());
    }

    [Fact]
    public void Rank3_BroadcastsBothOperands()
    {
        var a = Tensor.Arange(0f, 4f).Reshape(2, 1, 2);   // [[[0,1]],[[2,3]]]
        var b = Tensor.Arange(0f, 3f).Reshape(3, 1) * 10f; // [[0],[10],[20]]
        var r = a + b;
        Assert.Equal([2, 3, 2], r.ShapeArray);
        Assert.Equal([0f, 1f, 10f, 11f, 20f, 21f, 2f, 3f, 12f, 13f, 22f, 23f], r.ToArray());
    }

    [Fact]
    public void DivByColumn_DividesEachRowByItsEntry()
    {
        var m = Tensor.FromArray(new float[,] { { 2, 4 }, { 9, 3 } });
        var c = Tensor.FromArray([2f, 3f], 2, 1);
        Assert.Equal([1f, 2f, 3f, 1f], (m / c).ToArray());
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 2 })]
    [InlineData(new[] { 3, 4 }, new[] { 4, 3 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 4 })]
    public void IncompatibleShapes_ThrowNamingBothShapes(int[] a, int[] b)
    {
        var x = Tensor.Zeros(a);
        var y = Tensor.Zeros(b);
        var ex = Assert.Throws<ShapeMismatchException>(() => x + y);
        Assert.Contains(Tensor.Zeros(a).ShapeString, ex.Message);
        Assert.Contains(Tensor.Zeros(b).ShapeString, ex.Message);
    }
}
