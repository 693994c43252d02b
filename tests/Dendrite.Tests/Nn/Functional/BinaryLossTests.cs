using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

public class BinaryLossTests
{
    private static Tensor Targets() => Tensor.FromArray(new float[,] { { 1f, 0f, 1f }, { 0f, 0f, 0.3f } });

    private static readonly float[] ColumnWeights = [2f, 0.5f, 1f];

    [Fact]
    public void BinaryCrossEntropy_MatchesPyTorch_IncludingTheMinus100Clamp()
    {
        // PyTorch 1.13: F.binary_cross_entropy(p, t), with weight=[2, .5, 1], and reduction='none'.
        // p = 0 with t = 1 and p = 1 with t = 0 hit the log clamp: loss 100, not ∞.
        var p = Tensor.FromArray(new float[,] { { 0.9f, 0.2f, 0f }, { 0.4f, 1f, 0.7f } });
        Assert.Equal(33.63151931762695, F.BinaryCrossEntropy(p, Targets()).Item(), 1e-4);
        Assert.Equal(25.382287979125977, F.BinaryCrossEntropy(p, Targets(), weight: Tensor.FromArray(ColumnWeights)).Item(), 1e-4);
        float[] none = [0.10536055f, 0.22314353f, 100f, 0.51082557f, 100f, 0.94978344f];
        var l = F.BinaryCrossEntropy(p, Targets(), Reduction.None);
        for (int i = 0; i < 6; i++) Assert.Equal(none[i], l.Data[i], 1e-5f);
    }

    [Fact]
    public void BinaryCrossEntropy_GradientIsFinite_AtProbabilitiesZeroAndOne()
    {
        var p = Tensor.FromArray([0f, 1f, 0.5f]);
        p.RequiresGrad = true;
        F.BinaryCrossEntropy(p, Tensor.FromArray([1f, 0f, 1f])).Backward();
        Assert.All(p.Grad!.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(Reduction.Mean, false)]
    [InlineData(Reduction.Sum, true)]
    [InlineData(Reduction.None, true)]
    public void BinaryCrossEntropy_GradientMatchesFiniteDifferences(Reduction r, bool weighted)
    {
        var rng = new Rng(41);
        var p = GradCheck.RandomInput(rng, [3, 3], 0.1f, 0.9f);
        var t = GradCheck.RandomInput(rng, [3, 3], 0.1f, 0.9f);
        Tensor? w = weighted ? Tensor.FromArray(ColumnWeights) : null;
        GradCheck.Check(xs => F.BinaryCrossEntropy(xs[0], xs[1], r, w), [p, t]);
    }

    [Fact]
    public void BinaryCrossEntropy_RejectsProbabilitiesOutsideZeroToOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => F.BinaryCrossEntropy(Tensor.FromArray([0.5f, 1.5f]), Tensor.FromArray([0f, 1f])));
    }

    [Fact]
    public void BceWithLogits_MatchesPyTorch_WithWeightsAndPosWeight_AndHugeLogits()
    {
        // PyTorch 1.13: F.binary_cross_entropy_with_logits(x, t[, weight=[2,.5,1], pos_weight=[3,1,.5]]) and x.grad.
        var x = Tensor.FromArray(new float[,] { { 2f, -1f, 150f }, { -120f, 0.3f, -0.7f } });
        x.RequiresGrad = true;
        var w = Tensor.FromArray(ColumnWeights);
        var pw = Tensor.FromArray([3f, 1f, 0.5f]);
        Assert.Equal(0.3179551661014557, F.BinaryCrossEntropyWithLogits(x, Targets()).Item(), 1e-6);
        float[] none = [0.38078415f, 0.31326163f, 0f, 0f, 0.85435528f, 0.44770828f];
        var l = F.BinaryCrossEntropyWithLogits(x, Targets(), Reduction.None, posWeight: pw);
        for (int i = 0; i < 6; i++) Assert.Equal(none[i], l.Data[i], 1e-6f);
        var loss = F.BinaryCrossEntropyWithLogits(x, Targets(), weight: w, posWeight: pw);
        Assert.Equal(0.2988475263118744, loss.Item(), 1e-6);
        loss.Backward();
        float[] grad = [-0.11920293f, 0.022411786f, 0f, 0f, 0.047870208f, 0.02200673f];
        for (int i = 0; i < 6; i++) Assert.Equal(grad[i], x.Grad!.Data[i], 1e-6f);
    }

    [Fact]
    public void BceWithLogits_IsStable_ForLogitsBeyondExpOverflow()
    {
        var x = Tensor.FromArray([1000f, -1000f, 1000f, -1000f]);
        x.RequiresGrad = true;
        var l = F.BinaryCrossEntropyWithLogits(x, Tensor.FromArray([1f, 0f, 0f, 1f]), Reduction.None);
        Assert.Equal([0f, 0f, 1000f, 1000f], l.Data);
        l.Sum().Backward();
        Assert.Equal([0f, 0f, 1f, -1f], x.Grad!.Data);
    }

    [Theory]
    [InlineData(Reduction.Mean, false)]
    [InlineData(Reduction.Sum, true)]
    [InlineData(Reduction.None, true)]
    public void BceWithLogits_GradientMatchesFiniteDifferences(Reduction r, bool weighted)
    {
        var rng = new Rng(42);
        var x = GradCheck.RandomInput(rng, [4, 3], -3f, 3f);
        var t = GradCheck.RandomInput(rng, [4, 3], 0.1f, 0.9f);
        Tensor? w = weighted ? Tensor.FromArray(ColumnWeights) : null;
        Tensor? pw = weighted ? Tensor.FromArray([3f, 1f, 0.5f]) : null;
        GradCheck.Check(xs => F.BinaryCrossEntropyWithLogits(xs[0], xs[1], r, w, pw), [x, t]);
    }

    [Fact]
    public void BceWithLogits_RejectsAWeightOfTheWrongShape()
    {
        Assert.Throws<ShapeMismatchException>(() =>
            F.BinaryCrossEntropyWithLogits(Tensor.Ones(2, 3), Tensor.Ones(2, 3), posWeight: Tensor.Ones(2)));
    }
}
