using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class ActivationTests
{
    private static readonly int[] Shape = [4, 5];

    [Fact]
    public void Relu_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Relu(), GradCheck.RandomInput(new Rng(1), Shape));

    [Fact]
    public void Sigmoid_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Sigmoid(), GradCheck.RandomInput(new Rng(2), Shape, -4f, 4f));

    [Fact]
    public void Tanh_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => x.Tanh(), GradCheck.RandomInput(new Rng(3), Shape, -3f, 3f));

    [Fact]
    public void Relu_ZeroesNegativesAndKeepsPositives()
    {
        var y = Tensor.FromArray([-2f, -0f, 0f, 0.5f, 3f]).Relu();
        Assert.Equal([0f, 0f, 0f, 0.5f, 3f], y.ToArray());
    }

    [Fact]
    public void Relu_PropagatesNaN_ForwardAndBackward()
    {
        var x = Tensor.FromArray([float.NaN, -1f, 2f]);
        x.RequiresGrad = true;
        var y = x.Relu();
        Assert.True(float.IsNaN(y.Data[0]), "relu(NaN) must stay NaN so divergence is visible");
        y.Backward(Tensor.Ones(3));
        Assert.Equal([1f, 0f, 1f], x.Grad!.ToArray());
    }

    [Fact]
    public void Relu_Infinities_AreClampedOrKept()
    {
        var y = Tensor.FromArray([float.NegativeInfinity, float.PositiveInfinity]).Relu();
        Assert.Equal([0f, float.PositiveInfinity], y.ToArray());
    }

    [Theory]
    [InlineData(100f, 1f)]
    [InlineData(-100f, 0f)]
    [InlineData(float.PositiveInfinity, 1f)]
    [InlineData(float.NegativeInfinity, 0f)]
    public void Sigmoid_IsFiniteAtExtremes(float x, float expected)
    {
        var t = Tensor.FromArray([x]);
        t.RequiresGrad = true;
        var y = t.Sigmoid();
        Assert.Equal(expected, y.Item());
        y.Backward(Tensor.Ones(1));
        Assert.Equal(0f, t.Grad!.Item());
    }

    [Fact]
    public void Sigmoid_MatchesDoubleReference_AcrossRange()
    {
        var xs = Tensor.Arange(-80f, 80f, 0.37f);
        float[] y = xs.Sigmoid().ToArray();
        for (int i = 0; i < y.Length; i++)
        {
            double reference = 1.0 / (1.0 + Math.Exp(-(double)xs.Data[i]));
            Assert.True(Math.Abs(y[i] - reference) <= 1e-6 * reference + 1e-38,
                $"sigmoid({xs.Data[i]}) = {y[i]}, expected {reference}");
        }
    }

    [Fact]
    public void Tanh_MatchesDoubleReference_AndSaturates()
    {
        var y = Tensor.FromArray([-100f, -1f, 0f, 0.5f, 100f]).Tanh().ToArray();
        double[] reference = [-1, Math.Tanh(-1), 0, Math.Tanh(0.5), 1];
        for (int i = 0; i < y.Length; i++) Assert.Equal(reference[i], y[i], 1e-6);
    }
}
