using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn;

public class BatchNorm1dTests
{
    private static readonly float[,] X = { { 1.0f, -2.0f, 0.5f }, { 3.0f, 0.0f, -1.0f }, { -0.5f, 2.5f, 4.0f }, { 2.0f, 1.0f, -3.0f } };

    private static BatchNorm1d Layer()
    {
        var bn = new BatchNorm1d(3);
        new float[] { 1.5f, 0.5f, -1.0f }.CopyTo(bn.Weight!.Data, 0);
        new float[] { 0.1f, -0.2f, 0.3f }.CopyTo(bn.Bias!.Data, 0);
        return bn;
    }

    private static void AssertClose(float[] expected, float[] actual, float tol = 2e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"[{i}] expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void BatchNorm1d_MatchesPyTorch_ForwardAndRunningStatsAfterTwoSteps_ThenEval()
    {
        // PyTorch 1.13: bn = nn.BatchNorm1d(3), weight [1.5, .5, -1], bias [.1, -.2, .3];
        // y1 = bn(x); bn(x*0.5 + 1); then bn.running_mean/var; bn.eval(); bn(x).
        var bn = Layer();
        var x = Tensor.FromArray(X);
        var y1 = bn.Forward(x);
        AssertClose([-0.33503008f, -0.92648184f, 0.15344054f, 1.9851305f, -0.31470767f, 0.73967844f, -2.0751505f, 0.45001f, -1.214448f, 0.82505023f, -0.0088205934f, 1.5213289f], y1.Data);
        bn.Forward(x * 0.5f + 1f);
        AssertClose([0.29250002f, 0.1525f, 0.1175f], bn.RunningMean.Data);
        AssertClose([1.0663542f, 1.2196875f, 1.8138541f], bn.RunningVar.Data);
        bn.Eval();
        AssertClose([1.1276966f, -1.1745117f, 0.015992969f, 4.032846f, -0.26904207f, 1.129746f, -1.0511655f, 0.862795f, -2.5827641f, 2.5802712f, 0.18369275f, 2.6147501f], bn.Forward(x).Data);
    }

    [Fact]
    public void BatchNorm1d_Training_NormalizesEachFeatureToZeroMeanUnitVariance()
    {
        var bn = new BatchNorm1d(4);
        var y = bn.Forward(Tensor.Randn(new Rng(3), [64, 4], mean: 5f, std: 3f));
        for (int j = 0; j < 4; j++)
        {
            double[] col = Enumerable.Range(0, 64).Select(i => (double)y.Data[i * 4 + j]).ToArray();
            double mean = col.Average();
            Assert.InRange(mean, -1e-5, 1e-5);
            Assert.InRange(col.Average(v => (v - mean) * (v - mean)), 0.999, 1.0);
        }
    }

    [Fact]
    public void BatchNorm1d_Eval_UsesRunningStats_AndDoesNotUpdateThem()
    {
        var bn = new BatchNorm1d(2);
        new float[] { 1f, -2f }.CopyTo(bn.RunningMean.Data, 0);
        new float[] { 4f, 0.25f }.CopyTo(bn.RunningVar.Data, 0);
        bn.Eval();
        var y = bn.Forward(Tensor.FromArray(new float[,] { { 3f, -1f } }));  // a batch of one is fine in eval
        Assert.Equal(2f / MathF.Sqrt(4f + 1e-5f), y.Data[0], 1e-6f);
        Assert.Equal(1f / MathF.Sqrt(0.25f + 1e-5f), y.Data[1], 1e-5f);
        Assert.Equal([1f, -2f], bn.RunningMean.Data);
        Assert.Equal([4f, 0.25f], bn.RunningVar.Data);
    }

    [Fact]
    public void BatchNorm1d_TrainingWithABatchOfOne_Throws()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new BatchNorm1d(3).Forward(Tensor.Ones(1, 3)));
        Assert.Contains("[1, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchNorm1d_RejectsWrongFeatureCount()
    {
        Assert.Throws<ShapeMismatchException>(() => new BatchNorm1d(3).Forward(Tensor.Ones(4, 2)));
        Assert.Throws<ShapeMismatchException>(() => new BatchNorm1d(3).OutputShape([4, 2]));
    }

    [Fact]
    public void BatchNorm_GradientMatchesFiniteDifferences_InTraining()
    {
        var rng = new Rng(21);
        var x = GradCheck.RandomInput(rng, [5, 3], -2f, 2f);
        var w = GradCheck.RandomInput(rng, [3], 0.5f, 2f);
        var b = GradCheck.RandomInput(rng, [3]);
        GradCheck.Check(xs => F.BatchNorm(xs[0], Tensor.Zeros(3), Tensor.Ones(3), xs[1], xs[2], training: true), [x, w, b]);
    }

    [Fact]
    public void BatchNorm_GradientMatchesFiniteDifferences_InTrainingWithoutAffine()
    {
        var x = GradCheck.RandomInput(new Rng(22), [6, 2], -2f, 2f);
        GradCheck.Check(t => F.BatchNorm(t, null, null, null, null, training: true), x);
    }

    [Fact]
    public void BatchNorm_GradientMatchesFiniteDifferences_InEval()
    {
        var rng = new Rng(23);
        var x = GradCheck.RandomInput(rng, [4, 3], -2f, 2f);
        var w = GradCheck.RandomInput(rng, [3], 0.5f, 2f);
        var b = GradCheck.RandomInput(rng, [3]);
        var rm = Tensor.FromArray([0.3f, -0.5f, 1f]);
        var rv = Tensor.FromArray([0.5f, 2f, 1.5f]);
        GradCheck.Check(xs => F.BatchNorm(xs[0], rm, rv, xs[1], xs[2], training: false), [x, w, b]);
    }

    [Fact]
    public void BatchNorm1d_ExposesRunningStatsAsBuffers_NotParameters()
    {
        var rng = new Rng(0);
        var model = new Sequential(new Linear(4, 3, rng), new ReLU(), new BatchNorm1d(3), new Linear(3, 2, rng));
        Assert.Equal(["2.running_mean", "2.running_var", "2.num_batches_tracked"], model.NamedBuffers().Select(b => b.Name).ToArray());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "3.weight", "3.bias"], model.NamedParameters().Select(p => p.Name).ToArray());
        var bn = (BatchNorm1d)model[2];
        Assert.Same(bn.RunningMean, model.NamedBuffers().First().Buffer);
        Assert.Empty(new BatchNorm1d(3, affine: false).Parameters());
        Assert.Equal(2 * 3, bn.ParameterCount);
    }

    [Fact]
    public void BatchNorm1d_FollowsTheContainersMode()
    {
        var bn = new BatchNorm1d(2);
        var model = new Sequential(bn);
        model.Eval();
        Assert.False(bn.IsTraining);
        model.Forward(Tensor.FromArray(new float[,] { { 1f, 2f }, { 3f, 5f } }));
        Assert.Equal([0f, 0f], bn.RunningMean.Data);
        model.Train();
        model.Forward(Tensor.FromArray(new float[,] { { 1f, 2f }, { 3f, 5f } }));
        Assert.Equal(0.2f, bn.RunningMean.Data[0], 1e-6f);
    }
}
