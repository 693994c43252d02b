using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn;

public class LayerNormTests
{
    [Fact]
    public void LayerNorm_MatchesPyTorch()
    {
        // PyTorch 1.13: ln = nn.LayerNorm(3), weight [1.5, .5, -1], bias [.1, -.2, .3], ln(x)
        var ln = new LayerNorm(3);
        new float[] { 1.5f, 0.5f, -1.0f }.CopyTo(ln.Weight!.Data, 0);
        new float[] { 0.1f, -0.2f, 0.3f }.CopyTo(ln.Bias!.Data, 0);
        var x = Tensor.FromArray(new float[,] { { 1.0f, -2.0f, 0.5f }, { 3.0f, 0.0f, -1.0f }, { -0.5f, 2.5f, 4.0f }, { 2.0f, 1.0f, -3.0f } });
        float[] expected = [1.4334974f, -0.89849865f, -0.20799899f, 2.1592159f, -0.39611578f, 1.280579f, -1.9044563f, -0.066369578f, -0.76904339f, 1.4887286f, 0.031454772f, 1.6887286f];
        var y = ln.Forward(x);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], y.Data[i], 2e-5f);
    }

    [Fact]
    public void LayerNorm_GradientMatchesFiniteDifferences()
    {
        var rng = new Rng(31);
        var x = GradCheck.RandomInput(rng, [3, 5], -2f, 2f);
        var w = GradCheck.RandomInput(rng, [5], 0.5f, 2f);
        var b = GradCheck.RandomInput(rng, [5]);
        GradCheck.Check(xs => F.LayerNorm(xs[0], xs[1], xs[2]), [x, w, b]);
    }

    [Fact]
    public void LayerNorm_GradientMatchesFiniteDifferences_For3DInputWithoutAffine()
    {
        GradCheck.Check(t => F.LayerNorm(t, null, null), GradCheck.RandomInput(new Rng(32), [2, 2, 4], -2f, 2f));
    }

    [Fact]
    public void LayerNorm_NormalizesEveryRow_InTrainingAndEvalAlike()
    {
        var ln = new LayerNorm(8);
        var x = Tensor.Randn(new Rng(5), [4, 8], mean: -3f, std: 4f);
        var train = ln.Forward(x).ToArray();
        ln.Eval();
        Assert.Equal(train, ln.Forward(x).Data);
        for (int r = 0; r < 4; r++)
        {
            double[] row = train.Skip(r * 8).Take(8).Select(v => (double)v).ToArray();
            Assert.InRange(row.Average(), -1e-6, 1e-6);
        }
    }

    [Fact]
    public void LayerNorm_RejectsWrongLastDimension()
    {
        Assert.Throws<ShapeMismatchException>(() => new LayerNorm(4).Forward(Tensor.Ones(2, 3)));
        Assert.Throws<ShapeMismatchException>(() => F.LayerNorm(Tensor.Ones(2, 3), Tensor.Ones(4), null));
    }

    [Fact]
    public void LayerNorm_NamesItsParameters()
    {
        Assert.Equal(["weight", "bias"], new LayerNorm(3).NamedParameters().Select(p => p.Name).ToArray());
        Assert.Empty(new LayerNorm(3, elementwiseAffine: false).Parameters());
    }
}
