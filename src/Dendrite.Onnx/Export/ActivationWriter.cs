using Dendrite.Nn;
using Dendrite.Nn.Functional;

namespace Dendrite.Onnx.Export;

/// <summary>
/// Writes each <see cref="ActivationRegistry"/> activation as opset-17 nodes: one op where ONNX has it (Relu,
/// LeakyRelu, PRelu, Elu, Selu, Celu, Sigmoid, Tanh, Softsign, HardSigmoid, Clip), otherwise the decomposition
/// PyTorch 1.13's exporter writes (GELU through Erf, its tanh form, SiLU as x·σ(x), Mish as x·tanh(softplus x), the
/// gated ones through Split), so that Dendrite's importer and other tools recognise them. Softplus keeps
/// PyTorch's linear region (x where β·x &gt; threshold), which ONNX's Softplus lacks, with a Where.
/// </summary>
internal static class ActivationWriter
{
    private const float Sqrt2 = 1.41421356237309504880f;
    private const float SqrtTwoOverPi = 0.79788456080286535588f;
    private const float GeluCubic = 0.044715f;

    /// <summary>Writes <paramref name="module"/> (a registered activation) applied to <paramref name="x"/>; returns the output.</summary>
    /// <exception cref="DendriteException">an activation with no ONNX form (a registry entry added without one).</exception>
    public static string Write(GraphBuilder g, Module module, string x, string hint)
    {
        if (!ActivationRegistry.TryDescribe(module, out ActivationInfo? info))
            throw new DendriteException($"{hint}: {module} is not a registered activation and has no ONNX form");
        IReadOnlyDictionary<string, float> p = info.ParametersOf(module);
        switch (info.Name)
        {
            case "relu": return g.Node("Relu", hint, [x]);
            case "leaky_relu": return g.Node("LeakyRelu", hint, [x], Attributes.Float("alpha", p["negative_slope"]));
            case "prelu":
                {
                    float[] slopes = ((PReLU)module).Weight.Data;
                    string w = g.Initializer($"{hint}.weight", slopes, slopes.Length);
                    return g.Node("PRelu", hint, [x, w]);
                }
            case "elu": return g.Node("Elu", hint, [x], Attributes.Float("alpha", p["alpha"]));
            case "selu":
                return g.Node("Selu", hint, [x], Attributes.Float("alpha", (float)F.SeluAlpha), Attributes.Float("gamma", (float)F.SeluScale));
            case "celu": return g.Node("Celu", hint, [x], Attributes.Float("alpha", p["alpha"]));
            case "gelu": return Gelu(g, x, hint);
            case "gelu_tanh": return GeluTanh(g, x, hint);
            case "silu" or "swish": return Silu(g, x, hint);
            case "mish":
                {
                    string sp = g.Node("Softplus", hint, [x]);
                    return g.Node("Mul", hint, [x, g.Node("Tanh", hint, [sp])]);
                }
            case "softplus": return Softplus(g, x, p["beta"], p["threshold"], hint);
            case "softsign": return g.Node("Softsign", hint, [x]);
            case "sigmoid": return g.Node("Sigmoid", hint, [x]);
            case "tanh": return g.Node("Tanh", hint, [x]);
            case "hardtanh": return Clip(g, x, p["min_val"], p["max_val"], hint);
            case "hardsigmoid":
                return g.Node("HardSigmoid", hint, [x], Attributes.Float("alpha", 1f / 6f), Attributes.Float("beta", 0.5f));
            case "relu6": return Clip(g, x, 0f, 6f, hint);
            case "glu":
                {
                    var (a, b) = Halves(g, x, hint);
                    return g.Node("Mul", hint, [a, g.Node("Sigmoid", hint, [b])]);
                }
            case "swiglu":
                {
                    var (a, b) = Halves(g, x, hint);
                    return g.Node("Mul", hint, [Silu(g, a, hint), b]);
                }
            case "geglu":
                {
                    var (a, b) = Halves(g, x, hint);
                    return g.Node("Mul", hint, [Gelu(g, a, hint), b]);
                }
            case "geglu_tanh":
                {
                    var (a, b) = Halves(g, x, hint);
                    return g.Node("Mul", hint, [GeluTanh(g, a, hint), b]);
                }
            default:
                throw new DendriteException($"{hint}: activation '{info.Name}' has no ONNX form yet");
        }
    }

    /// <summary>x·Φ(x) = (x·(erf(x/√2) + 1))·½, PyTorch's node order (opset 17 has no Gelu op; opset 20 does).</summary>
    private static string Gelu(GraphBuilder g, string x, string hint)
    {
        string erf = g.Node("Erf", hint, [g.Node("Div", hint, [x, g.Scalar($"{hint}.sqrt2", Sqrt2)])]);
        string t = g.Node("Add", hint, [erf, g.Scalar($"{hint}.one", 1f)]);
        return g.Node("Mul", hint, [g.Node("Mul", hint, [x, t]), g.Scalar($"{hint}.half", 0.5f)]);
    }

    /// <summary>½·x·(1 + tanh(√(2/π)(x + 0.044715x³))), PyTorch's node order.</summary>
    private static string GeluTanh(GraphBuilder g, string x, string hint)
    {
        string cube = g.Node("Mul", hint, [x, g.Node("Mul", hint, [x, x])]);
        string inner = g.Node("Add", hint, [x, g.Node("Mul", hint, [cube, g.Scalar($"{hint}.cubic", GeluCubic)])]);
        string tanh = g.Node("Tanh", hint, [g.Node("Mul", hint, [inner, g.Scalar($"{hint}.sqrt_2_over_pi", SqrtTwoOverPi)])]);
        string t = g.Node("Add", hint, [tanh, g.Scalar($"{hint}.one", 1f)]);
        return g.Node("Mul", hint, [g.Node("Mul", hint, [x, t]), g.Scalar($"{hint}.half", 0.5f)]);
    }

    private static string Silu(GraphBuilder g, string x, string hint) => g.Node("Mul", hint, [x, g.Node("Sigmoid", hint, [x])]);

    /// <summary>Where(β·x &gt; threshold, x, softplus(β·x)/β): PyTorch's softplus with its linear region.</summary>
    private static string Softplus(GraphBuilder g, string x, float beta, float threshold, string hint)
    {
        string z = beta == 1f ? x : g.Node("Mul", hint, [x, g.Scalar($"{hint}.beta", beta)]);
        string sp = g.Node("Softplus", hint, [z]);
        string y = beta == 1f ? sp : g.Node("Div", hint, [sp, g.Scalar($"{hint}.beta", beta)]);
        string linear = g.Node("Greater", hint, [z, g.Scalar($"{hint}.threshold", threshold)]);
        return g.Node("Where", hint, [linear, x, y]);
    }

    private static string Clip(GraphBuilder g, string x, float min, float max, string hint) =>
        g.Node("Clip", hint, [x, g.Scalar($"{hint}.min", min), g.Scalar($"{hint}.max", max)]);

    /// <summary>The halves a = x[…, :h], b = x[…, h:] of the last dimension (Split into two equal outputs).</summary>
    private static (string A, string B) Halves(GraphBuilder g, string x, string hint)
    {
        string[] halves = g.Nodes("Split", hint, [x], 2, "", Attributes.Int("axis", -1));
        return (halves[0], halves[1]);
    }
}
