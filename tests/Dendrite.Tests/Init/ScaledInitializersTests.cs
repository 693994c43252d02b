using Dendrite.Init;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Init;

public class ScaledInitializersTests
{
    private static double Variance(Tensor t)
    {
        double mean = t.Data.Average(v => (double)v);
        return t.Data.Average(v => (v - mean) * (v - mean));
    }

    private static void AssertWithinPercent(double expected, double actual, double percent) =>
        Assert.True(Math.Abs(actual - expected) <= expected * percent / 100, $"expected {expected} ± {percent}%, got {actual}");

    [Theory]
    [InlineData(Nonlinearity.Linear, 0f, 1.0)]
    [InlineData(Nonlinearity.Sigmoid, 0f, 1.0)]
    [InlineData(Nonlinearity.Tanh, 0f, 1.6666666666666667)]
    [InlineData(Nonlinearity.Relu, 0f, 1.4142135623730951)]
    [InlineData(Nonlinearity.LeakyRelu, 0.01f, 1.4141428569978354)]
    [InlineData(Nonlinearity.LeakyRelu, 0.2f, 1.3867504905630728)]
    [InlineData(Nonlinearity.Selu, 0f, 0.75)]
    public void CalculateGain_MatchesPyTorch(Nonlinearity nonlinearity, float slope, double expected)
    {
        // torch.nn.init.calculate_gain(name, param) in PyTorch 1.13.
        Assert.Equal(expected, Initializers.CalculateGain(nonlinearity, slope), 1e-6);
    }

    [Fact]
    public void CalculateFans_OfALinearWeight_AreInAndOut()
    {
        Assert.Equal((300, 500), Initializers.CalculateFans(Tensor.Zeros(500, 300)));
        Assert.Equal((3 * 4 * 5, 2 * 4 * 5), Initializers.CalculateFans(Tensor.Zeros(2, 3, 4, 5)));
        Assert.Throws<ShapeMismatchException>(() => Initializers.CalculateFans(Tensor.Zeros(5)));
    }

    [Fact]
    public void XavierUniform_HasVariance2OverFanSum_AndStaysInBound()
    {
        var t = Initializers.XavierUniform(Tensor.Zeros(500, 300), new Rng(1), gain: 2f);
        AssertWithinPercent(4.0 * 2 / 800, Variance(t), 2);
        float bound = 2f * MathF.Sqrt(6f / 800f);
        Assert.All(t.Data, v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void XavierNormal_HasVariance2OverFanSum()
    {
        AssertWithinPercent(2.0 / 800, Variance(Initializers.XavierNormal(Tensor.Zeros(500, 300), new Rng(2))), 2);
    }

    [Theory]
    [InlineData(true, FanMode.FanIn, 300)]
    [InlineData(false, FanMode.FanIn, 300)]
    [InlineData(true, FanMode.FanOut, 500)]
    [InlineData(false, FanMode.FanOut, 500)]
    public void Kaiming_ForRelu_HasVariance2OverFan(bool uniform, FanMode mode, int fan)
    {
        var t = Tensor.Zeros(500, 300);
        if (uniform) Initializers.KaimingUniform(t, new Rng(3), 0f, mode, Nonlinearity.Relu);
        else Initializers.KaimingNormal(t, new Rng(3), 0f, mode, Nonlinearity.Relu);
        AssertWithinPercent(2.0 / fan, Variance(t), 2);
    }

    [Fact]
    public void KaimingUniform_Defaults_AreTorchs_LeakyReluWithSlopeZero()
    {
        var a = Initializers.KaimingUniform(Tensor.Zeros(64, 32), new Rng(4));
        var b = Initializers.KaimingUniform(Tensor.Zeros(64, 32), new Rng(4), 0f, FanMode.FanIn, Nonlinearity.Relu);
        Assert.Equal(a.Data, b.Data);
        var tanh = Initializers.KaimingNormal(Tensor.Zeros(400, 400), new Rng(5), nonlinearity: Nonlinearity.Tanh);
        AssertWithinPercent(25.0 / 9 / 400, Variance(tanh), 2);
    }

    [Fact]
    public void ScaledInitializers_AreDeterministicForASeed()
    {
        Assert.Equal(Initializers.XavierNormal(Tensor.Zeros(8, 4), new Rng(6)).Data, Initializers.XavierNormal(Tensor.Zeros(8, 4), new Rng(6)).Data);
        Assert.NotEqual(Initializers.XavierNormal(Tensor.Zeros(8, 4), new Rng(6)).Data, Initializers.XavierNormal(Tensor.Zeros(8, 4), new Rng(7)).Data);
        Assert.Equal(Initializers.KaimingUniform(Tensor.Zeros(8, 4), new Rng(6)).Data, Initializers.KaimingUniform(Tensor.Zeros(8, 4), new Rng(6)).Data);
    }
}
