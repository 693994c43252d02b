using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

public class SgdTests
{
    private static Parameter Param(params float[] values) => new((float[])values.Clone(), values.Length);

    [Fact]
    public void Step_SubtractsLearningRateTimesGradient()
    {
        var p = Param(1f, -2f, 3f);
        p.Grad = Tensor.FromArray([0.5f, 1f, -4f]);
        new Sgd([p], new SgdOptions(0.1f)).Step();
        Assert.Equal(new[] { 1f - 0.1f * 0.5f, -2f - 0.1f * 1f, 3f - 0.1f * -4f }, p.Data);
    }

    [Fact]
    public void Step_WithWeightDecay_AddsDecayTimesParamToGradient()
    {
        var p = Param(1f, -2f, 3f);
        p.Grad = Tensor.FromArray([0.5f, 1f, -4f]);
        new Sgd([p], new SgdOptions(0.1f, WeightDecay: 0.01f)).Step();
        float[] expected = [1f - 0.1f * (0.5f + 0.01f * 1f), -2f - 0.1f * (1f + 0.01f * -2f), 3f - 0.1f * (-4f + 0.01f * 3f)];
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], p.Data[i], 6);
        Assert.NotEqual(1f - 0.1f * 0.5f, p.Data[0]); // the decay really changed the result
    }

    [Fact]
    public void WeightDecay_Alone_ShrinksParametersGeometrically()
    {
        var p = Param(2f, -4f);
        var sgd = new Sgd([p], new SgdOptions(0.5f, WeightDecay: 0.2f));
        for (int i = 0; i < 3; i++)
        {
            p.Grad = Tensor.Zeros(2);
            sgd.Step();
        }
        Assert.Equal(2.0 * Math.Pow(0.9, 3), p.Data[0], 5);
        Assert.Equal(-4.0 * Math.Pow(0.9, 3), p.Data[1], 5);
    }

    [Fact]
    public void Step_SkipsParametersWithoutGradient_AndZeroGradClearsThem()
    {
        var a = Param(1f);
        var b = Param(5f);
        a.Grad = Tensor.FromArray([2f]);
        var sgd = new Sgd([a, b], new SgdOptions(1f));
        sgd.Step();
        Assert.Equal(-1f, a.Data[0]);
        Assert.Equal(5f, b.Data[0]);
        sgd.ZeroGrad();
        Assert.Null(a.Grad);
    }

    [Fact]
    public void Step_DoesNotTouchTheGradient()
    {
        var p = Param(1f, 1f);
        p.Grad = Tensor.FromArray([3f, 4f]);
        new Sgd([p], new SgdOptions(0.1f, 0.5f)).Step();
        Assert.Equal(new[] { 3f, 4f }, p.Grad.Data);
    }

    [Fact]
    public void Step_RecordsNoAutogradHistory()
    {
        var p = Param(1f);
        p.Grad = Tensor.FromArray([1f]);
        new Sgd([p], new SgdOptions(0.1f)).Step();
        Assert.True(p.IsLeaf);
    }

    [Fact]
    public void Options_AreValidated()
    {
        var p = Param(1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], new SgdOptions(0f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], new SgdOptions(float.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], new SgdOptions(0.1f, -1f)));
        Assert.Throws<ArgumentException>(() => new Sgd([p, p], new SgdOptions(0.1f)));
    }

    [Fact]
    public void MismatchedGradient_IsAShapeError()
    {
        var p = Param(1f, 2f);
        p.Grad = Tensor.FromArray([1f]);
        Assert.Throws<ShapeMismatchException>(() => new Sgd([p], new SgdOptions(0.1f)).Step());
    }

    [Fact]
    public void SgdRule_IsBitwiseParamMinusLrTimesGrad()
    {
        var rng = new Dendrite.Random.Rng(1);
        float[] param = new float[37], grad = new float[37];
        for (int i = 0; i < 37; i++) { param[i] = rng.NextNormal(); grad[i] = rng.NextNormal(); }
        float[] expected = param.Select((v, i) => v - 0.37f * grad[i]).ToArray();
        SgdRule.Apply(param, grad, 0.37f);
        Assert.Equal(expected, param);
    }
}
