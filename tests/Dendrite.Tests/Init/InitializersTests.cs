using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Init;

public class InitializersTests
{
    [Fact]
    public void Normal_IsDeterministicForASeed()
    {
        var a = Initializers.Normal(Tensor.Zeros(50), new Rng(3), 1f, 2f);
        var b = Initializers.Normal(Tensor.Zeros(50), new Rng(3), 1f, 2f);
        var c = Initializers.Normal(Tensor.Zeros(50), new Rng(4), 1f, 2f);
        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
    }

    [Fact]
    public void Normal_HasRequestedMoments()
    {
        var t = Initializers.Normal(Tensor.Zeros(200, 500), new Rng(1), 0.5f, 0.01f);
        double mean = t.Data.Average(v => (double)v);
        double std = Math.Sqrt(t.Data.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 0.5 - 1e-4, 0.5 + 1e-4);
        Assert.InRange(std, 0.0099, 0.0101);
    }

    [Fact]
    public void Uniform_StaysInRange_WithFlatHistogram()
    {
        var t = Initializers.Uniform(Tensor.Zeros(100_000), new Rng(2), -3f, 5f);
        Assert.All(t.Data, v => Assert.InRange(v, -3f, 5f));
        var bins = new int[8];
        foreach (float v in t.Data) bins[Math.Min(7, (int)(v + 3f))]++;
        Assert.All(bins, n => Assert.InRange(n, 12_000, 13_000));
    }

    [Fact]
    public void Uniform_IsDeterministicForASeed()
    {
        var a = Initializers.Uniform(Tensor.Zeros(20), new Rng(8), 0f, 1f);
        var b = Initializers.Uniform(Tensor.Zeros(20), new Rng(8), 0f, 1f);
        Assert.Equal(a.Data, b.Data);
    }

    [Fact]
    public void ZerosAndConstant_Overwrite()
    {
        var t = Tensor.Ones(2, 3);
        Assert.All(Initializers.Constant(t, 2.5f).Data, v => Assert.Equal(2.5f, v));
        Assert.All(Initializers.Zeros(t).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Normal(Tensor.Zeros(2), new Rng(0), 0f, -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Uniform(Tensor.Zeros(2), new Rng(0), 1f, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.Normal(Tensor.Zeros(2), new Rng(0), float.NaN, 1f));
    }

    [Fact]
    public void NormalLinearInit_GivesSmallWeightsAndZeroBiases_OnEveryLinear()
    {
        var rng = new Rng(0);
        var model = new Sequential(new Flatten(), new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
        LinearInit.Normal(0.01f).ApplyTo(model, new Rng(5));
        foreach (var layer in model.Modules().OfType<Linear>())
        {
            Assert.All(layer.Bias!.Data, v => Assert.Equal(0f, v));
            float[] w = layer.Weight.Data;
            double mean = w.Average(v => (double)v);
            double std = Math.Sqrt(w.Average(v => (v - mean) * (v - mean)));
            Assert.InRange(mean, -0.001, 0.001);
            Assert.InRange(std, 0.0095, 0.0105);
        }
    }

    [Fact]
    public void DefaultLinearInit_RedrawsTheTorchDefault()
    {
        var layer = new Linear(16, 4, new Rng(0));
        Initializers.Zeros(layer.Weight);
        LinearInit.Default.ApplyTo(layer, new Rng(0));
        Assert.Equal(new Linear(16, 4, new Rng(0)).Weight.Data, layer.Weight.Data);
    }
}
