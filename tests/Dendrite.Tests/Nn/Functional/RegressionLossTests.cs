using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

public class RegressionLossTests
{
    private static Tensor P() => Tensor.FromArray(new float[,] { { 0.5f, -1.2f, 2.0f }, { 0.3f, 0.9f, -2.5f } });

    private static Tensor T() => Tensor.FromArray(new float[,] { { 0.0f, -0.5f, 0.2f }, { 1.0f, 0.9f, -0.4f } });

    // PyTorch 1.13: F.l1_loss / huber_loss / smooth_l1_loss on P(), T() above.
    [Theory]
    [InlineData(Reduction.Mean, 0.9666666388511658, 0.5858333110809326, 0.3791666328907013, 0.7583332657814026)]
    [InlineData(Reduction.Sum, 5.799999713897705, 3.5149998664855957, 2.2749998569488525, 4.549999713897705)]
    public void RegressionLosses_MatchPyTorch(Reduction r, double l1, double huber1, double huberHalf, double smoothHalf)
    {
        Assert.Equal(l1, F.L1Loss(P(), T(), r).Item(), 1e-5);
        Assert.Equal(huber1, F.HuberLoss(P(), T(), r).Item(), 1e-5);
        Assert.Equal(huber1, F.SmoothL1Loss(P(), T(), r).Item(), 1e-5); // identical at δ = β = 1
        Assert.Equal(huberHalf, F.HuberLoss(P(), T(), r, delta: 0.5f).Item(), 1e-5);
        Assert.Equal(smoothHalf, F.SmoothL1Loss(P(), T(), r, beta: 0.5f).Item(), 1e-5);
    }

    [Fact]
    public void RegressionLosses_WithoutReduction_MatchPyTorch()
    {
        float[] huber = [0.125f, 0.22500002f, 0.77499998f, 0.22499999f, 0f, 0.92499995f];
        float[] smooth = [0.25f, 0.45000005f, 1.55f, 0.44999999f, 0f, 1.8499999f];
        var h = F.HuberLoss(P(), T(), Reduction.None, delta: 0.5f);
        var s = F.SmoothL1Loss(P(), T(), Reduction.None, beta: 0.5f);
        Assert.Equal([2, 3], h.ShapeArray);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(huber[i], h.Data[i], 1e-6f);
            Assert.Equal(smooth[i], s.Data[i], 1e-6f);
        }
    }

    [Fact]
    public void SmoothL1_WithBetaZero_IsL1()
    {
        Assert.Equal(F.L1Loss(P(), T()).Item(), F.SmoothL1Loss(P(), T(), beta: 0f).Item(), 1e-7f);
    }

    // Differences p − t stay ≥ 0.07 away from the kinks at 0, ±0.5 and ±1, well beyond the step.
    private static Tensor[] KinkFreeInputs()
    {
        var p = Tensor.FromArray([-2.3f, -0.7f, -0.2f, 0.3f, 0.6f, 1.8f, -1.4f, 0.15f], 2, 4);
        p.RequiresGrad = true;
        var t = Tensor.Rand(new Rng(3), [2, 4], -0.03f, 0.03f);
        t.RequiresGrad = true;
        return [p, t];
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void L1Loss_GradientMatchesFiniteDifferences(Reduction r) =>
        GradCheck.Check(xs => F.L1Loss(xs[0], xs[1], r), KinkFreeInputs());

    [Theory]
    [InlineData(Reduction.Mean, 1f)]
    [InlineData(Reduction.Sum, 0.5f)]
    [InlineData(Reduction.None, 1f)]
    public void HuberLoss_GradientMatchesFiniteDifferences(Reduction r, float delta) =>
        GradCheck.Check(xs => F.HuberLoss(xs[0], xs[1], r, delta), KinkFreeInputs());

    [Theory]
    [InlineData(Reduction.Mean, 1f)]
    [InlineData(Reduction.Sum, 0.5f)]
    [InlineData(Reduction.None, 1f)]
    public void SmoothL1Loss_GradientMatchesFiniteDifferences(Reduction r, float beta) =>
        GradCheck.Check(xs => F.SmoothL1Loss(xs[0], xs[1], r, beta), KinkFreeInputs());

    [Fact]
    public void RegressionLosses_RejectBadArguments()
    {
        Assert.Throws<ShapeMismatchException>(() => F.L1Loss(Tensor.Ones(3, 1), Tensor.Ones(3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.HuberLoss(P(), T(), delta: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.SmoothL1Loss(P(), T(), beta: -1f));
    }
}
