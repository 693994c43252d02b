using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn;

public class LinearTests
{
    [Fact]
    public void DefaultInit_StaysWithinOneOverSqrtIn_AndFillsTheRange()
    {
        var layer = new Linear(100, 300, new Rng(4));
        float bound = 1f / MathF.Sqrt(100);
        float[] w = layer.Weight.Data;
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias!.Data, v => Assert.InRange(v, -bound, bound));
        // Uniform on (−k, k): extremes come close to ±k and the variance is k²/3.
        Assert.True(w.Max() > 0.99f * bound && w.Min() < -0.99f * bound);
        double mean = w.Average(v => (double)v);
        double variance = w.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.01 * bound, 0.01 * bound);
        Assert.InRange(variance, 0.97 * bound * bound / 3, 1.03 * bound * bound / 3);
    }

    [Fact]
    public void SameSeed_GivesIdenticalLayers_DifferentSeedsDiffer()
    {
        var a = new Linear(10, 5, new Rng(9));
        var b = new Linear(10, 5, new Rng(9));
        var c = new Linear(10, 5, new Rng(10));
        Assert.Equal(a.Weight.Data, b.Weight.Data);
        Assert.Equal(a.Bias!.Data, b.Bias!.Data);
        Assert.NotEqual(a.Weight.Data, c.Weight.Data);
    }

    [Fact]
    public void Weight_IsOutByIn()
    {
        var layer = new Linear(7, 3, new Rng(0));
        Assert.Equal([3, 7], layer.Weight.ShapeArray);
        Assert.Equal([3], layer.Bias!.ShapeArray);
        Assert.Equal(24, layer.ParameterCount);
    }

    [Fact]
    public void Constructor_RejectsNonPositiveSizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 3, new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(3, -1, new Rng(0)));
    }

    // Needs F.Linear (ops helper).
    [Fact]
    public void Forward_ComputesXWTransposePlusBias()
    {
        var layer = new Linear(3, 2, new Rng(0));
        Array.Copy(new float[] { 1, 2, 3, -1, 0, 1 }, layer.Weight.Data, 6);
        Array.Copy(new float[] { 0.5f, -0.5f }, layer.Bias!.Data, 2);
        var x = Tensor.FromArray(new float[,] { { 1, 1, 1 }, { 2, 0, -1 } });
        var y = layer.Forward(x);
        Assert.Equal([2, 2], y.ShapeArray);
        Assert.Equal(new float[] { 6.5f, -0.5f, -0.5f, -3.5f }, y.ToArray());
    }
}
