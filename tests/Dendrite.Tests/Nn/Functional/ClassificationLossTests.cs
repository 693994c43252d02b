using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

public class ClassificationLossTests
{
    private static Tensor Z() => Tensor.FromArray(new float[,] { { 1f, 2f, 3f, -1f }, { 0.5f, -0.5f, 2f, 0f }, { 3f, 1f, -2f, 0.5f } });

    private static readonly int[] Y = [2, 0, 3];

    private static Tensor ClassWeights() => Tensor.FromArray([1f, 2f, 0.5f, 3f]);

    // PyTorch 1.13: F.cross_entropy(z, y, weight=w), (…, label_smoothing=0.1), (…, weight=w, label_smoothing=0.2).
    [Theory]
    [InlineData(Reduction.Mean, 2.262587547302246, 1.716498613357544, 2.3535752296447754)]
    [InlineData(Reduction.Sum, 10.181644439697266, 5.149495601654053, 10.591089248657227)]
    public void CrossEntropy_WithWeightsAndSmoothing_MatchesPyTorch(Reduction r, double weighted, double smoothed, double both)
    {
        Assert.Equal(weighted, F.CrossEntropy(Z(), Y, r, ClassWeights()).Item(), 1e-5);
        Assert.Equal(smoothed, F.CrossEntropy(Z(), Y, r, labelSmoothing: 0.1f).Item(), 1e-5);
        Assert.Equal(both, F.CrossEntropy(Z(), Y, r, ClassWeights(), 0.2f).Item(), 1e-5);
    }

    [Fact]
    public void CrossEntropy_WithWeightsAndSmoothing_MatchesPyTorch_PerSampleAndGradient()
    {
        float[] none = [1.1042947f, 2.2356534f, 7.2511411f];
        var l = F.CrossEntropy(Z(), Y, Reduction.None, ClassWeights(), 0.2f);
        for (int i = 0; i < 3; i++) Assert.Equal(none[i], l.Data[i], 1e-5f);

        var z = Z();
        z.RequiresGrad = true;
        F.CrossEntropy(z, Y, weight: ClassWeights(), labelSmoothing: 0.2f).Backward();
        float[] grad = [0.0032192101f, 0.016731631f, 0.011443096f, -0.031393938f, -0.15016583f, -0.0079768002f, 0.16798922f, -0.0098466035f, 0.48355991f, 0.044724211f, -0.0022224884f, -0.52606165f];
        for (int i = 0; i < grad.Length; i++) Assert.Equal(grad[i], z.Grad!.Data[i], 1e-6f);
    }

    [Fact]
    public void CrossEntropy_WithUnitWeightsAndNoSmoothing_EqualsTheFastPath()
    {
        Assert.Equal(F.CrossEntropy(Z(), Y).Item(), F.CrossEntropy(Z(), Y, weight: Tensor.Ones(4)).Item(), 1e-6f);
    }

    [Theory]
    [InlineData(Reduction.Mean, true, 0f)]
    [InlineData(Reduction.Mean, false, 0.1f)]
    [InlineData(Reduction.Mean, true, 0.3f)]
    [InlineData(Reduction.Sum, true, 0.3f)]
    [InlineData(Reduction.None, true, 0.3f)]
    public void CrossEntropy_WithWeightsOrSmoothing_GradientMatchesFiniteDifferences(Reduction r, bool weighted, float smoothing)
    {
        Tensor? w = weighted ? ClassWeights() : null;
        GradCheck.Check(z => F.CrossEntropy(z, Y, r, w, smoothing), GradCheck.RandomInput(new Rng(51), [3, 4], -3f, 3f));
    }

    [Fact]
    public void CrossEntropy_RejectsBadWeightOrSmoothing()
    {
        Assert.Throws<ShapeMismatchException>(() => F.CrossEntropy(Z(), Y, weight: Tensor.Ones(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.CrossEntropy(Z(), Y, labelSmoothing: 1.5f));
    }

    [Fact]
    public void NllLoss_MatchesPyTorch()
    {
        // PyTorch 1.13: lp = F.log_softmax(z, 1); F.nll_loss(lp, y[, weight=w][, reduction=…]).
        float[] lp = [-2.4197166f, -1.4197166f, -0.41971666f, -4.4197168f, -1.8650253f, -2.8650253f, -0.36502528f, -2.3650253f, -0.20225349f, -2.2022536f, -5.2022533f, -2.7022536f];
        var x = Tensor.FromArray(lp, 3, 4);
        Assert.Equal(1.6623319387435913, F.NllLoss(x, Y).Item(), 1e-5);
        Assert.Equal(2.262587547302246, F.NllLoss(x, Y, weight: ClassWeights()).Item(), 1e-5);
        Assert.Equal(10.181644439697266, F.NllLoss(x, Y, Reduction.Sum, ClassWeights()).Item(), 1e-5);
        float[] none = [0.20985833f, 1.8650253f, 8.106761f];
        var l = F.NllLoss(x, Y, Reduction.None, ClassWeights());
        for (int i = 0; i < 3; i++) Assert.Equal(none[i], l.Data[i], 1e-5f);
    }

    [Fact]
    public void NllLoss_OfLogSoftmax_EqualsCrossEntropy()
    {
        var z = Z();
        var logSoftmax = z - z.Exp().Sum(1, keepDim: true).Log();
        Assert.Equal(F.CrossEntropy(z, Y).Item(), F.NllLoss(logSoftmax, Y).Item(), 1e-6f);
    }

    [Theory]
    [InlineData(Reduction.Mean, false)]
    [InlineData(Reduction.Mean, true)]
    [InlineData(Reduction.Sum, true)]
    [InlineData(Reduction.None, true)]
    public void NllLoss_GradientMatchesFiniteDifferences(Reduction r, bool weighted)
    {
        Tensor? w = weighted ? ClassWeights() : null;
        GradCheck.Check(x => F.NllLoss(x, Y, r, w), GradCheck.RandomInput(new Rng(52), [3, 4], -3f, 0f, 0.05f));
    }

    [Fact]
    public void NllLoss_RejectsBadLabelsAndShapes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => F.NllLoss(Tensor.Zeros(3, 4), [0, 4, 1]));
        Assert.Throws<ShapeMismatchException>(() => F.NllLoss(Tensor.Zeros(3, 4), [0, 1]));
        Assert.Throws<ShapeMismatchException>(() => F.NllLoss(Tensor.Zeros(12), [0]));
    }
}
