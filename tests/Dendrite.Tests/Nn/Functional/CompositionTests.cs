using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

/// <summary>Ops chained the way a model uses them: the engine must route every gradient through the whole graph.</summary>
public class CompositionTests
{
    [Fact]
    public void TwoLayerMlpWithCrossEntropy_GradientMatchesFiniteDifferences()
    {
        int[] labels = [1, 0, 2, 2, 1];
        GradCheck.Check(p => F.CrossEntropy(F.Linear(F.Linear(p[0], p[1], p[2]).Tanh(), p[3], p[4]), labels),
        [
            GradCheck.RandomInput(new Rng(1), [5, 4]),
            GradCheck.RandomInput(new Rng(2), [6, 4]),
            GradCheck.RandomInput(new Rng(3), [6]),
            GradCheck.RandomInput(new Rng(4), [3, 6]),
            GradCheck.RandomInput(new Rng(5), [3]),
        ]);
    }

    [Fact]
    public void SoftmaxRegressionWrittenWithPrimitives_MatchesFusedCrossEntropyGradient()
    {
        var z1 = GradCheck.RandomInput(new Rng(6), [4, 3], -2f, 2f);
        var z2 = Tensor.FromArray(z1.ToArray(), 4, 3);
        z2.RequiresGrad = true;
        int[] labels = [0, 2, 1, 2];
        var onehot = Tensor.Zeros(4, 3);
        for (int i = 0; i < 4; i++) onehot.Data[i * 3 + labels[i]] = 1f;

        var fused = F.CrossEntropy(z1, labels);
        var composed = (z2.LogSoftmax() * onehot).Sum(1).Neg().Mean();
        Assert.Equal(composed.Item(), fused.Item(), 1e-6f);
        fused.Backward();
        composed.Backward();
        for (int k = 0; k < 12; k++) Assert.Equal(z2.Grad!.Data[k], z1.Grad!.Data[k], 1e-6f);
    }

    [Fact]
    public void CrossEntropy_Backward_IsUnaffectedByReusingTheLabelBuffer()
    {
        var z = GradCheck.RandomInput(new Rng(7), [2, 3]);
        int[] labels = [0, 1];
        var loss = F.CrossEntropy(z, labels);
        labels[0] = 2; // a data loader refilling its buffer for the next batch
        loss.Backward();
        Assert.True(z.Grad!.Data[0] < 0, "the gradient at the original label (0) must be negative");
    }

    [Fact]
    public void MseRegression_GradientMatchesFiniteDifferences()
    {
        var x = Tensor.Randn(new Rng(8), [6, 3]);
        var y = Tensor.Randn(new Rng(9), [6, 1]);
        GradCheck.Check(p => F.MseLoss(F.Linear(x, p[0], p[1]), y) + p[0].Pow(2f).Sum() * 0.1f,
            [GradCheck.RandomInput(new Rng(10), [1, 3]), GradCheck.RandomInput(new Rng(11), [1])]);
    }
}
