using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Tensors;

public class SoftmaxTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Softmax_GradientMatchesFiniteDifferences(int axis) =>
        GradCheck.Check(x => x.Softmax(axis), GradCheck.RandomInput(new Rng(1), [2, 3, 4], -2f, 2f));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void LogSoftmax_GradientMatchesFiniteDifferences(int axis) =>
        GradCheck.Check(x => x.LogSoftmax(axis), GradCheck.RandomInput(new Rng(2), [2, 3, 4], -2f, 2f));

    [Fact]
    public void Softmax_MatchesPyTorchValues()
    {
        // torch.softmax(torch.tensor([1., 2., 3.]), 0) and torch.log_softmax(...)
        float[] p = Tensor.FromArray([1f, 2f, 3f]).Softmax().ToArray();
        float[] expected = [0.09003057f, 0.24472848f, 0.66524094f];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], p[i], 1e-6f);
        float[] lp = Tensor.FromArray([1f, 2f, 3f]).LogSoftmax().ToArray();
        float[] expectedLog = [-2.40760589f, -1.40760589f, -0.40760595f];
        for (int i = 0; i < 3; i++) Assert.Equal(expectedLog[i], lp[i], 1e-5f);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Softmax_RowsSumToOne(int axis)
    {
        var x = Tensor.Randn(new Rng(3), [5, 7], std: 5f);
        var s = x.Softmax(axis).Sum(axis);
        foreach (float v in s.Data) Assert.Equal(1f, v, 1e-5f);
    }

    [Fact]
    public void Softmax_IsStable_ForLogitsAbove88AndBelowMinus88()
    {
        var x = Tensor.FromArray(new float[,] { { 1000f, 999f, 0f }, { -1000f, -1001f, -2000f } });
        float[] p = x.Softmax().ToArray();
        Assert.All(p, v => Assert.True(float.IsFinite(v)));
        double e = Math.Exp(-1);
        Assert.Equal(1 / (1 + e), p[0], 1e-6);
        Assert.Equal(e / (1 + e), p[1], 1e-6);
        Assert.Equal(0f, p[2]);
        Assert.Equal(1 / (1 + e), p[3], 1e-6);
        float[] lp = x.LogSoftmax().ToArray();
        Assert.Equal(-Math.Log(1 + e), lp[0], 1e-5);
        Assert.Equal(-1000 - Math.Log(1 + e), lp[2], 1e-2); // finite, not −∞
        Assert.Equal(-1 - Math.Log(1 + e), lp[4], 1e-5);
    }
}
