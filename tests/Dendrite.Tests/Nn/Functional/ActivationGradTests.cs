using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

/// <summary>Every activation's backward against central finite differences (float64 accumulation).</summary>
public class ActivationGradTests
{
    [Theory]
    [MemberData(nameof(ActivationCases.ElementwiseNames), MemberType = typeof(ActivationCases))]
    public void Elementwise_GradientMatchesFiniteDifferences(string name)
    {
        // 48 samples over [−5, 7): both branches of every piecewise function, both saturation regions of
        // Hardtanh/HardSigmoid, and ReLU6's linear part, but never within 0.1 of a kink.
        var x = ActivationCases.SmoothInput(new Rng(101), [6, 8]);
        GradCheck.Check(ActivationCases.Elementwise[name], x);
    }

    [Theory]
    [MemberData(nameof(ActivationCases.GatedNames), MemberType = typeof(ActivationCases))]
    public void Gated_GradientMatchesFiniteDifferences_ForBothHalves(string name)
    {
        var x = GradCheck.RandomInput(new Rng(102), [2, 3, 6], -3f, 3f);
        GradCheck.Check(ActivationCases.Gated[name], x);
    }

    [Theory]
    [InlineData(0.5f, 1f)]
    [InlineData(2f, 20f)]
    [InlineData(1f, 2f)]
    public void Softplus_WithBetaAndThreshold_GradientMatchesFiniteDifferences(float beta, float threshold)
    {
        // Keep βx at least 0.1 from the threshold: the linear switch is a (tiny) kink.
        var x = GradCheck.RandomInput(new Rng(103), [20], -6f, 6f);
        for (int i = 0; i < x.Size; i++)
            if (MathF.Abs(beta * x.Data[i] - threshold) < 0.1f) x.Data[i] += 0.3f / beta;
        GradCheck.Check(t => F.Softplus(t, beta, threshold), x);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(2f)]
    public void EluAndCelu_WithAlpha_GradientMatchesFiniteDifferences(float alpha)
    {
        var x = GradCheck.RandomInput(new Rng(104), [16], -4f, 3f, minAbs: 0.1f);
        GradCheck.Check(t => F.Elu(t, alpha), x);
        GradCheck.Check(t => F.Celu(t, alpha), x);
    }

    [Fact]
    public void LeakyReluAndHardtanh_WithCustomParameters_GradientMatchesFiniteDifferences()
    {
        var x = GradCheck.RandomInput(new Rng(105), [24], -4f, 4f, minAbs: 0.1f);
        for (int i = 0; i < x.Size; i++)
            if (MathF.Abs(x.Data[i] - 2f) < 0.1f || MathF.Abs(x.Data[i] + 0.5f) < 0.1f) x.Data[i] += 0.25f;
        GradCheck.Check(t => F.LeakyRelu(t, 0.2f), x);
        GradCheck.Check(t => F.Hardtanh(t, -0.5f, 2f), x);
    }

    [Fact]
    public void Prelu_PerChannel_GradientMatchesForInputAndSlopes()
    {
        var x = GradCheck.RandomInput(new Rng(106), [4, 3, 2], minAbs: 0.1f);
        var w = GradCheck.RandomInput(new Rng(107), [3], 0.05f, 0.5f);
        GradCheck.Check(p => F.Prelu(p[0], p[1]), [x, w]);
    }

    [Fact]
    public void Prelu_SharedSlope_GradientMatchesForInputAndSlope()
    {
        var x = GradCheck.RandomInput(new Rng(108), [5, 4], minAbs: 0.1f);
        var w = Tensor.FromArray([0.3f]);
        w.RequiresGrad = true;
        GradCheck.Check(p => F.Prelu(p[0], p[1]), [x, w]);
    }

    [Fact]
    public void Prelu_SlopeGradient_IsSumOfGradTimesInputOverNonPositiveInputs()
    {
        var x = Tensor.FromArray([-2f, 3f, -1f, -4f, 0.5f, 0f], 3, 2);
        var w = new Parameter([0.25f, 0.1f], 2);
        var g = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2);
        F.Prelu(x, w).Backward(g);
        // channel 0: x = −2, −1, 0.5 → (1·−2) + (3·−1) = −5; channel 1: x = 3, −4, 0 → 4·−4 + 6·0 = −16.
        Assert.Equal([-5f, -16f], w.Grad!.ToArray());
    }

    [Fact]
    public void Composition_GeluOfLinearThenSwiGlu_GradientMatches()
    {
        // Ops chained: the gated backward must route gradients to both halves produced by one Linear.
        var x = GradCheck.RandomInput(new Rng(109), [3, 4]);
        var w = GradCheck.RandomInput(new Rng(110), [6, 4]);
        GradCheck.Check(p => F.SwiGlu(F.Gelu(F.Linear(p[0], p[1], null))), [x, w]);
    }
}
