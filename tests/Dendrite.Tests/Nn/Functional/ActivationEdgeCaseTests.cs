using Dendrite.Autograd;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Functional.Activations;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Functional;

/// <summary>Extreme inputs, NaN policy, argument validation and the erf helper.</summary>
public class ActivationEdgeCaseTests
{
    [Theory]
    [MemberData(nameof(ActivationCases.ElementwiseNames), MemberType = typeof(ActivationCases))]
    public void LargeFiniteInputs_GiveFiniteValuesAndSlopes(string name)
    {
        // Inputs whose true results are representable (SELU(float.MaxValue) = 1.05·MaxValue rightly overflows).
        var x = Tensor.FromArray([1e30f, -1e30f, 1e10f, -1e10f, 100f, -100f, 1e38f, -1e38f]);
        x.RequiresGrad = true;
        var y = ActivationCases.Elementwise[name](x);
        y.Backward(Tensor.Full(1f, y.ShapeArray));
        for (int i = 0; i < x.Size; i++)
        {
            Assert.True(float.IsFinite(y.Data[i]), $"{name}({x.Data[i]}) = {y.Data[i]}");
            Assert.True(float.IsFinite(x.Grad!.Data[i]), $"{name}'({x.Data[i]}) = {x.Grad.Data[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.ElementwiseNames), MemberType = typeof(ActivationCases))]
    public void LargePositiveInputs_ApproachTheRightAsymptote(string name)
    {
        // x = 1e30: identity-like functions return x, saturating ones their upper bound (PyTorch agrees).
        double expected = name switch
        {
            "softsign" or "sigmoid" or "tanh" or "hardtanh" or "hardsigmoid" => 1,
            "relu6" => 6,
            "selu" => 1e30 * F.SeluScale,
            _ => 1e30,
        };
        float y = ActivationCases.Elementwise[name](Tensor.FromArray([1e30f])).Data[0];
        Assert.True(Math.Abs(y / expected - 1) < 1e-6, $"{name}(1e30) = {y}, expected {expected}");
    }

    [Theory]
    [MemberData(nameof(ActivationCases.ElementwiseNames), MemberType = typeof(ActivationCases))]
    public void NaNInput_GivesNaNOutput(string name)
        => Assert.True(float.IsNaN(ActivationCases.Elementwise[name](Tensor.FromArray([float.NaN, 1f])).Data[0]), name);

    [Theory]
    [MemberData(nameof(ActivationCases.GatedNames), MemberType = typeof(ActivationCases))]
    public void Gated_NaNInEitherHalf_GivesNaNOutput(string name)
    {
        var y = ActivationCases.Gated[name](Tensor.FromArray([float.NaN, 1f, 1f, float.NaN], 1, 4));
        Assert.True(float.IsNaN(y.Data[0]) && float.IsNaN(y.Data[1]), name);
    }

    [Fact]
    public void Softsign_OfInfinity_IsPlusMinusOne()
        => Assert.Equal([1f, -1f], F.Softsign(Tensor.FromArray([float.PositiveInfinity, float.NegativeInfinity])).ToArray());

    [Fact]
    public void Softplus_KeepsRelativeAccuracy_ForVeryNegativeInputs()
    {
        // ln(1 + e⁻²⁰) = 2.0611536e-9: a plain log(1 + u) in float would round it to 0.
        float y = F.Softplus(Tensor.FromArray([-20f])).Data[0];
        Assert.True(Math.Abs(y / 2.061153620314381e-9 - 1) < 1e-6, $"softplus(−20) = {y}");
    }

    [Fact]
    public void Elu_KeepsRelativeAccuracy_ForTinyNegativeInputs()
    {
        // e^(−1e-5) − 1 = −9.99995e-6: exp(x) − 1 in float would be off by ~0.5%.
        float y = F.Elu(Tensor.FromArray([-1e-5f])).Data[0];
        Assert.True(Math.Abs(y / -9.999950000166666e-6 - 1) < 1e-6, $"elu(−1e-5) = {y}");
    }

    [Fact]
    public void Ops_RecordNothing_UnderNoGrad_OrForConstants()
    {
        var x = Tensor.FromArray([1f, -1f]);
        Assert.False(F.Mish(x).RequiresGrad);
        x.RequiresGrad = true;
        using (AutogradContext.NoGrad()) Assert.False(F.Gelu(x).RequiresGrad);
        Assert.True(F.Gelu(x).RequiresGrad);
    }

    [Fact]
    public void InvalidParameters_Throw()
    {
        var x = Tensor.FromArray([1f]);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Celu(x, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Softplus(x, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Softplus(x, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Hardtanh(x, 1f, 1f));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public void Gated_OddLastDimension_ThrowsShapeMismatch(int width)
    {
        var x = Tensor.Zeros(2, width);
        foreach (var f in ActivationCases.Gated.Values)
        {
            var e = Assert.Throws<ShapeMismatchException>(() => f(x));
            Assert.Contains($"[2, {width}]", e.Message);
        }
    }

    [Fact]
    public void Gated_ScalarInput_ThrowsShapeMismatch()
        => Assert.Throws<ShapeMismatchException>(() => F.Glu(new Tensor([1f])));

    [Fact]
    public void Gated_HalvesTheLastDimension_AndTakesTheRightHalves()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        var y = F.Glu(x);
        Assert.Equal([2, 3, 2], y.ShapeArray);
        // Row 1 is [4, 5, 6, 7]: a = [4, 5], b = [6, 7].
        Assert.Equal(4 / (1 + Math.Exp(-6)), y.Data[2], 2e-6);
        Assert.Equal(5 / (1 + Math.Exp(-7)), y.Data[3], 2e-6);
    }

    [Fact]
    public void Prelu_WrongSlopeCount_ThrowsShapeMismatch()
    {
        Assert.Throws<ShapeMismatchException>(() => F.Prelu(Tensor.Zeros(2, 3), Tensor.Zeros(4)));
        Assert.Throws<ShapeMismatchException>(() => F.Prelu(Tensor.Zeros(6), Tensor.Zeros(3)));
        Assert.Throws<ShapeMismatchException>(() => F.Prelu(Tensor.Zeros(2, 3), Tensor.Zeros(3, 1)));
    }

    [Theory]
    [InlineData(-3.0, -0.9999779095030014)]
    [InlineData(-0.5, -0.5204998778130465)]
    [InlineData(0.3, 0.3286267594591274)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.4, 0.999311486103355)]
    [InlineData(2.6, 0.9997639655834707)]
    [InlineData(4.0, 0.9999999845827421)]
    public void Erf_MatchesPythonMathErf(double z, double expected)
        => Assert.True(Math.Abs(Erf.Of(z) - expected) < 1e-15, $"erf({z}) = {Erf.Of(z):R}");

    [Theory]
    [InlineData(2.6, 0.00023603441652934908)]
    [InlineData(4.0, 1.541725790028002e-08)]
    [InlineData(6.0, 2.1519736712498916e-17)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(-1.0, 1.842700792949715)]
    public void Erfc_HasRelativeAccuracyInTheTail(double z, double expected)
        => Assert.True(Math.Abs(Erf.Erfc(z) / expected - 1) < 1e-13, $"erfc({z}) = {Erf.Erfc(z):R}");
}
