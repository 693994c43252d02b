using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Activations;

public class ActivationRegistryTests
{
    private static readonly string[] s_expected =
    [
        "relu", "leaky_relu", "prelu", "elu", "selu", "celu", "gelu", "gelu_tanh", "silu", "swish", "mish",
        "softplus", "softsign", "sigmoid", "tanh", "hardtanh", "hardsigmoid", "relu6", "glu", "swiglu", "geglu", "geglu_tanh",
    ];

    public static TheoryData<string> Names => new(s_expected);

    [Fact]
    public void Registry_HasExactlyTheDocumentedNames()
        => Assert.Equal(s_expected.Order(), ActivationRegistry.Names.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Create_GivesAWorkingModule_WithTheDeclaredWidth(string name)
    {
        Module m = ActivationRegistry.Create(name);
        int width = ActivationRegistry.OutputWidth(name, 8);
        bool gated = name is "glu" or "swiglu" or "geglu" or "geglu_tanh";
        Assert.Equal(gated, ActivationRegistry.Get(name).IsGated);
        Assert.Equal(gated ? 4 : 8, width);
        Assert.Equal([3, width], m.Forward(Tensor.Randn(new Rng(1), [3, 8])).ShapeArray);
        Assert.Equal([3, width], m.OutputShape([3, 8]));
    }

    [Fact]
    public void Create_ReturnsTheRightModuleTypes()
    {
        Assert.IsType<SiLU>(ActivationRegistry.Create("swish"));
        Assert.IsType<PReLU>(ActivationRegistry.Create("prelu"));
        Assert.Equal(GeluApproximation.Tanh, Assert.IsType<GELU>(ActivationRegistry.Create("gelu_tanh")).Approximation);
        Assert.NotSame(ActivationRegistry.Create("prelu"), ActivationRegistry.Create("prelu"));
        Assert.IsType<LeakyReLU>(ActivationRegistry.Create("LEAKY_RELU"));
    }

    [Fact]
    public void OutputWidth_OfGatedWithOddWidth_ThrowsShapeMismatch()
        => Assert.Throws<ShapeMismatchException>(() => ActivationRegistry.OutputWidth("swiglu", 7));

    [Fact]
    public void UnknownName_ThrowsListingTheKnownOnes()
    {
        var e = Assert.Throws<UnknownActivationException>(() => ActivationRegistry.Get("relu7"));
        Assert.IsAssignableFrom<DendriteException>(e);
        Assert.Contains("relu7", e.Message);
        Assert.Contains("leaky_relu", e.Message);
        Assert.False(ActivationRegistry.TryGet("nope", out _));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ScalarDerivative_MatchesFiniteDifferenceOfScalarFunction(string name)
    {
        var (f, df) = ActivationRegistry.Scalar(name);
        const double h = 1e-5;
        for (double x = -7.95; x < 25; x += 0.1)
        {
            // Skip kinks (0, ±1, ±3, 6) and softplus' switch to linear at 20: one-sided there by design.
            if (new[] { 0.0, -1, 1, -3, 3, 6, 20 }.Any(k => Math.Abs(x - k) < 2 * h)) continue;
            double numeric = (f(x + h) - f(x - h)) / (2 * h);
            Assert.True(Math.Abs(df(x) - numeric) < 1e-7 + 1e-6 * Math.Abs(numeric),
                $"{name}'({x}): analytic {df(x):G12}, numeric {numeric:G12}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ScalarFunction_AgreesWithTheModule(string name)
    {
        // The plotted curve must be what the model computes: compare with the float32 module (gated: b = 1).
        var info = ActivationRegistry.Get(name);
        float[] xs = Enumerable.Range(0, 40).Select(i => -8f + i * 0.4f).ToArray();
        Tensor input = info.IsGated
            ? Tensor.FromArray(xs.Select(x => name == "glu" ? 1f : x).Concat(xs.Select(x => name == "glu" ? x : 1f)).ToArray(), 1, 2 * xs.Length)
            : Tensor.FromArray(xs);
        float[] y = info.Create().Forward(input).ToArray();
        for (int i = 0; i < xs.Length; i++)
            Assert.True(Math.Abs(y[i] - info.Function(xs[i])) <= 1e-6 * (1 + Math.Abs(y[i])), $"{name}({xs[i]}): {y[i]} vs {info.Function(xs[i])}");
    }

    [Fact]
    public void Entries_HaveFormulas()
        => Assert.All(ActivationRegistry.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Formula)));
}
