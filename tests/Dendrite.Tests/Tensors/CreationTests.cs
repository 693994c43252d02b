using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Tensors;

public class CreationTests
{
    [Fact]
    public void Arange_FollowsNumpy()
    {
        Assert.Equal([0f, 1f, 2f, 3f], Tensor.Arange(4).ToArray());
        Assert.Equal([1f, 1.5f, 2f, 2.5f], Tensor.Arange(1f, 3f, 0.5f).ToArray());
        Assert.Equal([3f, 2f, 1f], Tensor.Arange(3f, 0f, -1f).ToArray());
        Assert.Equal(0, Tensor.Arange(2f, 1f).Size);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0f, 1f, 0f));
    }

    [Fact]
    public void FullZerosOnes_FillShape()
    {
        var f = Tensor.Full(2.5f, 2, 3);
        Assert.Equal([2, 3], f.ShapeArray);
        Assert.All(f.Data, v => Assert.Equal(2.5f, v));
        Assert.All(Tensor.Ones(4).Data, v => Assert.Equal(1f, v));
        Assert.All(Tensor.Zeros(2, 2).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RandAndRandn_AreDeterministicForTheSameSeed()
    {
        Assert.Equal(Tensor.Rand(new Rng(7), [3, 4]).ToArray(), Tensor.Rand(new Rng(7), [3, 4]).ToArray());
        Assert.Equal(Tensor.Randn(new Rng(7), [3, 4]).ToArray(), Tensor.Randn(new Rng(7), [3, 4]).ToArray());
        Assert.NotEqual(Tensor.Randn(new Rng(7), [3, 4]).ToArray(), Tensor.Randn(new Rng(8), [3, 4]).ToArray());
    }

    [Fact]
    public void Rand_RespectsBounds()
    {
        var t = Tensor.Rand(new Rng(1), [1000], -2f, 3f);
        Assert.All(t.Data, v => Assert.InRange(v, -2f, 3f));
        Assert.True(t.Data.Min() < -1.5f && t.Data.Max() > 2.5f, "samples should cover the range");
    }

    [Fact]
    public void FromArray_CopiesValues_AndChecksShape()
    {
        var source = new[] { 1f, 2f, 3f, 4f };
        var t = Tensor.FromArray(source, 2, 2);
        source[0] = 99f;
        Assert.Equal(1f, t.Data[0]);
        Assert.Throws<ShapeMismatchException>(() => Tensor.FromArray(source, 3, 2));
    }
}
