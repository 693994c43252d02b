using Dendrite.Optim;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Optim;

/// <summary>
/// Clipping against torch 1.13.1 clip_grad_norm_ on gradients [3, −4, 1] and [[2, 0.5], [−1.5, 6]] (numbers from
/// pytorch_reference.py, pasted). PyTorch computes the norm in float32, we in double, hence the tolerances.
/// </summary>
[Collection(nameof(KernelThreadsUsers))]
public class GradientClippingTests
{
    private static Parameter[] WithGradients()
    {
        var a = new Parameter(new float[3], 3) { Grad = Tensor.FromArray([3f, -4f, 1f]) };
        var b = new Parameter(new float[4], 2, 2) { Grad = Tensor.FromArray([2f, 0.5f, -1.5f, 6f], 2, 2) };
        var noGrad = new Parameter(new float[2], 2);
        return [a, noGrad, b];
    }

    private static float[] Grads(Parameter[] ps) => [.. ps[0].Grad!.Data, .. ps[2].Grad!.Data];

    [Theory]
    [InlineData(2.0, 1.0, 8.276473045349121, new[] { 0.36247318983078003f, -0.48329758644104004f, 0.12082439661026001f, 0.24164879322052002f, 0.060412198305130005f, -0.18123659491539001f, 0.7249463796615601f })]
    [InlineData(1.0, 5.0, 18.0, new[] { 0.8333331942558289f, -1.1111109256744385f, 0.2777777314186096f, 0.5555554628372192f, 0.1388888657093048f, -0.41666659712791443f, 1.6666663885116577f })]
    [InlineData(double.PositiveInfinity, 2.0, 6.0, new[] { 0.9999998807907104f, -1.333333134651184f, 0.333333283662796f, 0.666666567325592f, 0.166666641831398f, -0.4999999403953552f, 1.999999761581421f })]
    [InlineData(2.0, 100.0, 8.276473045349121, new[] { 3f, -4f, 1f, 2f, 0.5f, -1.5f, 6f })]
    public void ClipGradNorm_MatchesPyTorch(double normType, double maxNorm, double expectedNorm, float[] expectedGrads)
    {
        var ps = WithGradients();
        double norm = GradientClipping.ClipGradNorm(ps, maxNorm, normType);
        Assert.Equal(expectedNorm, norm, 5);
        float[] actual = Grads(ps);
        // PyTorch rounds the scale to float32 before multiplying; ours is rounded from double: a couple of ulps apart.
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - expectedGrads[i]) <= 3e-7 * Math.Max(1, Math.Abs(expectedGrads[i])), $"[{i}]: {actual[i]:R} vs {expectedGrads[i]:R}");
    }

    [Fact]
    public void ClipGradNorm_ThreeNorm_IsTheCubeRootOfTheSumOfCubes()
    {
        var ps = WithGradients();
        double expected = Math.Cbrt(27 + 64 + 1 + 8 + 0.125 + 3.375 + 216);
        Assert.Equal(expected, GradientClipping.ClipGradNorm(ps, 1e9, 3), 10);
    }

    [Fact]
    public void ClipGradNorm_AfterClipping_TheNormIsMaxNorm()
    {
        var ps = WithGradients();
        GradientClipping.ClipGradNorm(ps, 0.5);
        Assert.Equal(0.5, GradientClipping.ClipGradNorm(ps, 1e9), 5);
    }

    [Fact]
    public void ClipGradNorm_WithNonFiniteGradient_ReturnsItAndLeavesGradientsAlone()
    {
        var ps = WithGradients();
        ps[0].Grad!.Data[1] = float.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, GradientClipping.ClipGradNorm(ps, 1));
        Assert.Equal(6f, ps[2].Grad!.Data[3]);
    }

    [Fact]
    public void ClipGradNorm_AllocatesNothing()
    {
        var ps = WithGradients();
        Assert.Equal(0, Allocations.SteadyState(() => GradientClipping.ClipGradNorm(ps, 0.5)));
    }

    [Fact]
    public void ClipGradValue_ClampsEachEntry()
    {
        var ps = WithGradients();
        GradientClipping.ClipGradValue(ps, 2f);
        Assert.Equal(new[] { 2f, -2f, 1f, 2f, 0.5f, -1.5f, 2f }, Grads(ps));
        Assert.Null(ps[1].Grad);
    }

    [Fact]
    public void InvalidArguments_ThrowArgumentOutOfRange()
    {
        var ps = WithGradients();
        Assert.Equal("MaxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradNorm(ps, -1)).ParamName);
        Assert.Equal("NormType", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradNorm(ps, 1, 0)).ParamName);
        Assert.Equal("ClipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradValue(ps, float.NaN)).ParamName);
    }
}
