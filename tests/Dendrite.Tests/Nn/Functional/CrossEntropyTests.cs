using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

public class CrossEntropyTests
{
    private static readonly int[] Labels = [2, 0, 4, 2];

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void CrossEntropy_GradientMatchesFiniteDifferences(Reduction reduction) =>
        GradCheck.Check(z => F.CrossEntropy(z, Labels, reduction), GradCheck.RandomInput(new Rng(1), [4, 5], -3f, 3f));

    [Fact]
    public void CrossEntropy_MatchesFloat64Reference_ValueAndGradient()
    {
        var logits = Tensor.Randn(new Rng(2), [6, 7], std: 3f);
        logits.RequiresGrad = true;
        int[] labels = [0, 6, 3, 3, 1, 5];
        var loss = F.CrossEntropy(logits, labels);
        loss.Backward();

        double total = 0;
        var expectedGrad = new double[logits.Size];
        for (int i = 0; i < 6; i++)
        {
            double m = double.NegativeInfinity;
            for (int j = 0; j < 7; j++) m = Math.Max(m, logits.Data[i * 7 + j]);
            double s = 0;
            for (int j = 0; j < 7; j++) s += Math.Exp(logits.Data[i * 7 + j] - m);
            double lse = m + Math.Log(s);
            total += lse - logits.Data[i * 7 + labels[i]];
            for (int j = 0; j < 7; j++)
                expectedGrad[i * 7 + j] = (Math.Exp(logits.Data[i * 7 + j] - lse) - (j == labels[i] ? 1 : 0)) / 6;
        }
        Assert.Equal(total / 6, loss.Item(), 1e-5);
        for (int k = 0; k < expectedGrad.Length; k++) Assert.Equal(expectedGrad[k], logits.Grad!.Data[k], 1e-6);
    }

    [Fact]
    public void CrossEntropy_MatchesPyTorch_IncludingHugeLogits()
    {
        // torch.nn.functional.cross_entropy(z, y) and z.grad
        var z = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 1000, 0, -1000 }, { -5, 0.5f, 2 } });
        z.RequiresGrad = true;
        var loss = F.CrossEntropy(z, [2, 1, 0]);
        Assert.Equal(335.8699035644531, loss.Item(), 1e-3);
        loss.Backward();
        float[] expected = [0.03001019f, 0.08157617f, -0.11158633f, 0.33333334f, -0.33333334f, 0f, -0.33308503f, 0.06076321f, 0.27232182f];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], z.Grad!.Data[i], 1e-6f);
    }

    [Fact]
    public void CrossEntropy_IsStable_ForLogitsAbove100()
    {
        var z = Tensor.FromArray(new float[,] { { 200f, 100f, 150f }, { 120f, 120f, 120f } });
        z.RequiresGrad = true;
        var losses = F.CrossEntropy(z, [0, 1], Reduction.None);
        Assert.Equal(0f, losses.Data[0], 1e-6f);          // ln(1 + e⁻⁵⁰ + e⁻¹⁰⁰)
        Assert.Equal(MathF.Log(3f), losses.Data[1], 1e-5f);
        losses.Sum().Backward();
        Assert.All(z.Grad!.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f / 3f - 1f, z.Grad!.Data[4], 1e-6f);
    }

    [Fact]
    public void CrossEntropy_IsStable_ForVeryNegativeLogits()
    {
        var z = Tensor.FromArray(new float[,] { { -200f, -100f, -150f } });
        z.RequiresGrad = true;
        var loss = F.CrossEntropy(z, [0], Reduction.Sum);
        Assert.Equal(100f, loss.Item(), 1e-3f); // −200 − logsumexp ≈ −200 + 100
        loss.Backward();
        float[] g = z.Grad!.ToArray(); // softmax ≈ [e⁻¹⁰⁰, 1, e⁻⁵⁰]
        Assert.Equal(-1f, g[0], 1e-6f);
        Assert.Equal(1f, g[1], 1e-6f);
        Assert.Equal(Math.Exp(-50), g[2], 1e-25);
    }

    [Fact]
    public void CrossEntropy_Reductions_AreConsistent()
    {
        var z = Tensor.Randn(new Rng(3), [5, 4]);
        int[] y = [1, 3, 0, 2, 2];
        var none = F.CrossEntropy(z, y, Reduction.None);
        Assert.Equal([5], none.ShapeArray);
        float sum = F.CrossEntropy(z, y, Reduction.Sum).Item();
        Assert.Equal(none.Data.Sum(), sum, 1e-5f);
        Assert.Equal(sum / 5, F.CrossEntropy(z, y, Reduction.Mean).Item(), 1e-6f);
        Assert.Equal(0, F.CrossEntropy(z, y).Rank);
    }

    [Fact]
    public void CrossEntropy_WrongLabelCount_ThrowsNamingShape()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => F.CrossEntropy(Tensor.Zeros(3, 4), [0, 1]));
        Assert.Contains("[3, 4]", ex.Message);
        Assert.Contains("2 labels", ex.Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void CrossEntropy_LabelOutOfRange_ThrowsNamingLabelAndIndex(int bad)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => F.CrossEntropy(Tensor.Zeros(2, 4), [0, bad]));
        Assert.Contains($"label {bad} at index 1", ex.Message);
        Assert.Contains("[0, 4)", ex.Message);
    }

    [Fact]
    public void CrossEntropy_NonMatrixLogits_Throw() =>
        Assert.Throws<ShapeMismatchException>(() => F.CrossEntropy(Tensor.Zeros(4), [0, 1, 2, 3]));
}
