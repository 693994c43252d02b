using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Functional;

public class LinearTests
{
    [Fact]
    public void Linear_WithBias_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => F.Linear(x[0], x[1], x[2]),
        [
            GradCheck.RandomInput(new Rng(1), [4, 3]),
            GradCheck.RandomInput(new Rng(2), [5, 3]),
            GradCheck.RandomInput(new Rng(3), [5]),
        ]);

    [Fact]
    public void Linear_WithoutBias_GradientMatchesFiniteDifferences() =>
        GradCheck.Check(x => F.Linear(x[0], x[1], null),
            [GradCheck.RandomInput(new Rng(4), [4, 3]), GradCheck.RandomInput(new Rng(5), [2, 3])]);

    [Fact]
    public void Linear_ConstantInput_GradientMatchesFiniteDifferences_ForParametersOnly()
    {
        var x = Tensor.Randn(new Rng(6), [3, 4]);
        GradCheck.Check(p => F.Linear(x, p[0], p[1]),
            [GradCheck.RandomInput(new Rng(7), [2, 4]), GradCheck.RandomInput(new Rng(8), [2])]);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Linear_MatchesPyTorchValues_AndIsOneRecordedOp()
    {
        // torch.nn.functional.linear(x, w, b)
        var x = Tensor.FromArray(new float[,] { { 0.5f, -1f }, { 2f, 3f } });
        var w = Parameter.From(Tensor.FromArray(new float[,] { { 1f, 2f }, { 3f, -4f }, { 0.5f, 0.25f } }));
        var b = Parameter.From(Tensor.FromArray([0.1f, 0.2f, 0.3f]));
        var y = F.Linear(x, w, b);
        Assert.Equal([2, 3], y.ShapeArray);
        float[] expected = [-1.4f, 5.7f, 0.3f, 8.1f, -5.8f, 2.05f];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], y.Data[i], 1e-5f);
        Assert.Equal("linear", y.GradFn!.Name);
    }

    [Fact]
    public void Linear_MatchesMatMulOfTransposePlusBias()
    {
        var x = Tensor.Randn(new Rng(9), [6, 5]);
        var w = Tensor.Randn(new Rng(10), [4, 5]);
        var b = Tensor.Randn(new Rng(11), [4]);
        float[] fused = F.Linear(x, w, b).ToArray();
        float[] composed = (x.MatMul(w.T) + b).ToArray();
        for (int i = 0; i < fused.Length; i++) Assert.Equal(composed[i], fused[i], 1e-5f);
    }

    [Theory]
    [InlineData(new[] { 4, 3 }, new[] { 5, 2 }, 5)]
    [InlineData(new[] { 4, 3 }, new[] { 5, 3 }, 4)]
    [InlineData(new[] { 3 }, new[] { 5, 3 }, 5)]
    public void Linear_MismatchedShapes_ThrowNamingShapes(int[] xs, int[] ws, int bs)
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => F.Linear(Tensor.Zeros(xs), Tensor.Zeros(ws), Tensor.Zeros(bs)));
        Assert.Contains(Tensor.Zeros(ws).ShapeString, ex.Message);
    }
}
