using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Functional;

/// <summary>Forward values and slopes against PyTorch 1.13 (float64, computed once) and float64 references.</summary>
public class ActivationValueTests
{
    private static readonly float[] s_x = [-3.5f, -1.2f, -0.3f, 0.4f, 1.7f, 4.2f];

    // torch.nn.functional in float64 at s_x: (name, f(x), f'(x) from autograd).
    public static TheoryData<string, double[], double[]> Torch => new()
    {
        { "leaky_relu", [-0.035, -0.012, -0.003, 0.4, 1.7, 4.2], [0.01, 0.01, 0.01, 1, 1, 1] },
        { "elu", [-0.9698026166, -0.6988057881, -0.2591817793, 0.4, 1.7, 4.2], [0.03019738342, 0.3011942119, 0.7408182207, 1, 1, 1] },
        { "selu", [-1.705009341, -1.228569995, -0.4556673154, 0.4202803949, 1.786191679, 4.412944147], [0.05308999989, 0.5295293454, 1.302432025, 1.050700987, 1.050700987, 1.050700987] },
        { "celu", [-0.9698026166, -0.6988057881, -0.2591817793, 0.4, 1.7, 4.2], [0.03019738342, 0.3011942119, 0.7408182207, 1, 1, 1] },
        { "gelu", [-0.0008142017766, -0.1380836043, -0.1146265733, 0.2621686966, 1.624238713, 4.199943948], [-0.002821760354, -0.1179535958, 0.2676722332, 0.8027297977, 1.115317969, 1.000234215] },
        { "gelu_tanh", [-0.0006161976554, -0.1382972309, -0.1146290765, 0.2621611694, 1.624105896, 4.199973903], [-0.00242264376, -0.1177261347, 0.2677045484, 0.8026588344, 1.115914631, 1.000133975] },
        { "silu", [-0.1025928076, -0.2777702598, -0.127667245, 0.239475064, 1.437409049, 4.137949067], [-0.07027335283, 0.01800188772, 0.3522199897, 0.6947919584, 1.067564505, 1.046360159] },
        { "mish", [-0.1040957545, -0.3088357963, -0.1511331771, 0.2890305341, 1.620768074, 4.198166915], [-0.07276041344, -0.002008761394, 0.4085108769, 0.8370175025, 1.084257316, 1.003174768] },
        { "softplus", [0.02975041827, 0.2632824673, 0.5543552445, 0.9130152524, 1.867786029, 4.214884255], [0.02931223075, 0.2314752165, 0.4255574832, 0.5986876601, 0.8455347349, 0.9852259683] },
        { "softsign", [-0.7777777778, -0.5454545455, -0.2307692308, 0.2857142857, 0.6296296296, 0.8076923077], [0.04938271605, 0.2066115702, 0.5917159763, 0.5102040816, 0.1371742112, 0.03698224852] },
        { "sigmoid", [0.02931223075, 0.2314752165, 0.4255574832, 0.5986876601, 0.8455347349, 0.9852259683], [0.02845302388, 0.1778944406, 0.2444583117, 0.2402607457, 0.130605747, 0.01455575968] },
        { "tanh", [-0.9981778976, -0.833654607, -0.2913126125, 0.3799489623, 0.9354090706, 0.9995503665], [0.00364088472, 0.3050199962, 0.9151369618, 0.8556387861, 0.1250098706, 0.0008990649106] },
        { "hardtanh", [-1, -1, -0.3, 0.4, 1, 1], [0, 0, 1, 1, 0, 0] },
        { "hardsigmoid", [0, 0.3, 0.45, 0.5666666667, 0.7833333333, 1], [0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 0] },
        { "relu6", [0, 0, 0, 0.4, 1.7, 4.2], [0, 0, 0, 1, 1, 1] },
        { "relu", [0, 0, 0, 0.4, 1.7, 4.2], [0, 0, 0, 1, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(Torch))]
    public void ValueAndSlope_MatchPyTorch(string name, double[] expected, double[] slope)
    {
        var x = Tensor.FromArray((float[])s_x.Clone());
        x.RequiresGrad = true;
        var y = ActivationCases.Elementwise[name](x);
        y.Backward(Tensor.Full(1f, y.ShapeArray));
        for (int i = 0; i < s_x.Length; i++)
        {
            AssertClose(expected[i], y.Data[i], $"{name}({s_x[i]})");
            // Slopes taken from the output (tanh: 1 − y²) cancel near saturation: ~2 ulps of 1 absolute.
            AssertClose(slope[i], x.Grad!.Data[i], $"{name}'({s_x[i]})", absolute: 3e-7);
        }
    }

    [Fact]
    public void GatedLayers_MatchPyTorch()
    {
        // x = [a | b] with a = [0.5, −1.5], b = [1.25, −0.75]; torch: F.glu(x, −1), F.silu(a)·b, F.gelu(a)·b.
        var x = Tensor.FromArray([0.5f, -1.5f, 1.25f, -0.75f], 1, 4);
        AssertAll([0.38864993058734554, -0.48123195123691054], F.Glu(x), "glu");
        AssertAll([0.3890370820011591, 0.2052287142821509], F.SwiGlu(x), "swiglu");
        AssertAll([0.4321640382962582, 0.07515810142746529], F.GeGlu(x), "geglu");
    }

    [Fact]
    public void SoftplusWithBeta2_IsLinearAboveThreshold_AndMatchesPyTorch()
    {
        // βx = 22 > 20 takes the linear branch (exactly x); βx = 18 does not (differs from x by ~7.6e-9).
        var x = Tensor.FromArray([-1f, 3f, 9f, 11f]);
        AssertAll([0.06346400552148625, 3.001237842568865, 9.00000000761499, 11.0], F.Softplus(x, 2f, 20f), "softplus");
        Assert.Equal(11f, F.Softplus(x, 2f, 20f).Data[3]);
        Assert.Equal(25f, F.Softplus(Tensor.FromArray([25f])).Data[0]);
    }

    [Fact]
    public void Prelu_PerChannel_MatchesPyTorch()
    {
        var x = Tensor.FromArray([-2f, 3f, 1.5f, -0.5f], 2, 2);
        AssertAll([-0.5, 3.0, 1.5, -0.05], F.Prelu(x, Tensor.FromArray([0.25f, 0.1f])), "prelu");
    }

    [Fact]
    public void Gelu_FarLeftTail_KeepsRelativeAccuracy()
    {
        // x·½·erfc(−x/√2) from Python's math.erfc. (PyTorch's float64 gelu gives −4.885e-15 at −8, 2% off: it
        // forms 1 + erf(x/√2), which cancels in the tail. We evaluate erfc directly.)
        var y = F.Gelu(Tensor.FromArray([-8f, -5f, -3f, 3f]));
        double[] expected = [-4.9767684594174555e-15, -1.4332578593959731e-06, -0.004049694094890287, 2.99595030590511];
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(y.Data[i] / expected[i] - 1) < 1e-5, $"gelu at {i}: {y.Data[i]} vs {expected[i]}");
    }

    [Fact]
    public void SeluConstants_AreTheExactPyTorchValues()
    {
        Assert.Equal(1.6732632423543772848170429916717, F.SeluAlpha);
        Assert.Equal(1.0507009873554804934193349852946, F.SeluScale);
    }

    // Independent float64 formulas (System.Math only) on a dense grid: the float32 ops must agree to float accuracy.
    public static TheoryData<string> ReferenceNames => new(s_reference.Keys);

    private static readonly Dictionary<string, Func<double, double>> s_reference = new()
    {
        ["relu"] = x => Math.Max(x, 0),
        ["leaky_relu"] = x => x > 0 ? x : 0.01 * x,
        ["prelu"] = x => x > 0 ? x : 0.25 * x,
        ["elu"] = x => x > 0 ? x : Math.Exp(x) - 1,
        ["selu"] = x => F.SeluScale * (x > 0 ? x : F.SeluAlpha * (Math.Exp(x) - 1)),
        ["celu"] = x => Math.Max(0, x) + Math.Min(0, Math.Exp(x) - 1),
        ["gelu_tanh"] = x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
        ["silu"] = x => x / (1 + Math.Exp(-x)),
        ["swish"] = x => x / (1 + Math.Exp(-x)),
        ["mish"] = x => x * Math.Tanh(Math.Log(1 + Math.Exp(x))),
        ["softplus"] = x => x > 20 ? x : Math.Log(1 + Math.Exp(x)),
        ["softsign"] = x => x / (1 + Math.Abs(x)),
        ["sigmoid"] = x => 1 / (1 + Math.Exp(-x)),
        ["tanh"] = Math.Tanh,
        ["hardtanh"] = x => Math.Clamp(x, -1, 1),
        ["hardsigmoid"] = x => Math.Clamp(x + 3, 0, 6) / 6,
        ["relu6"] = x => Math.Clamp(x, 0, 6),
    };

    [Theory]
    [MemberData(nameof(ReferenceNames))]
    public void Forward_MatchesFloat64Reference_OnAGridFromMinus12To24(string name)
    {
        var grid = Enumerable.Range(0, 361).Select(i => -12f + i * 0.1f).ToArray();
        var y = ActivationCases.Elementwise[name](Tensor.FromArray(grid));
        for (int i = 0; i < grid.Length; i++)
            AssertClose(s_reference[name](grid[i]), y.Data[i], $"{name}({grid[i]})");
    }

    private static void AssertAll(double[] expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Length, actual.Size);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], actual.Data[i], $"{what}[{i}]");
    }

    /// <summary>float32 accuracy: a few ulps relative, with an absolute floor for values near 0.</summary>
    private static void AssertClose(double expected, float actual, string what, double absolute = 1e-7)
        => Assert.True(Math.Abs(actual - expected) <= absolute + 1e-6 * Math.Abs(expected),
            $"{what}: expected {expected:G10}, got {actual:G10}");
}
