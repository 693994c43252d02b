using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Onnx.Import.Patterns;
using Dendrite.Onnx.Protobuf;
using Dendrite.Tensors;

namespace Dendrite.Onnx.Import;

/// <summary>
/// The activation forms the importer reads, for every <see cref="ActivationRegistry"/> entry: single ops (Relu,
/// LeakyRelu, PRelu, Elu, Selu, Celu, Sigmoid, Tanh, Softsign, HardSigmoid, Clip, Softplus) and the decompositions
/// PyTorch 1.13's exporter writes at opset 17 (GELU as x·(erf(x/√2) + 1)·½, its tanh form, SiLU as x·σ(x), Mish as
/// x·tanh(softplus x), Softplus(β) as softplus(βx)/β, Softsign as x/(|x| + 1), GLU as a·σ(b) after Split), plus the
/// forms Dendrite's exporter writes (Softplus with its threshold, SwiGLU, GeGLU). Compound forms come first.
/// </summary>
internal static class ActivationTemplates
{
    private const double Sqrt2 = 1.41421356237309504880;
    private const double SqrtTwoOverPi = 0.79788456080286535588;

    private static readonly Pattern X = new VarPattern("x");

    public static IReadOnlyList<ActivationTemplate> All { get; } = Build();

    private static ActivationTemplate[] Build()
    {
        Pattern a = new SplitPattern(0, X), b = new SplitPattern(1, X);
        return
        [
            // Gated: x splits into halves a, b.
            Simple("glu", Op("Mul", a, Op("Sigmoid", b))),
            Simple("swiglu", Op("Mul", Silu(a), b)),
            Simple("geglu", Op("Mul", Gelu(a), b)),
            Simple("geglu_tanh", Op("Mul", GeluTanh(a), b)),
            Simple("gelu", Gelu(X)),
            Simple("gelu_tanh", GeluTanh(X)),
            Simple("mish", Op("Mul", X, Op("Tanh", Op("Softplus", X)))),
            Simple("silu", Silu(X)),
            // Softplus: PyTorch writes softplus(βx)/β (β ≠ 1) and drops the threshold; Dendrite keeps it with a Where.
            new("softplus", Op("Where", Op("Greater", Op("Mul", X, Cap("beta")), Cap("threshold")), X,
                Op("Div", Op("Softplus", Op("Mul", X, Cap("beta"))), Cap("beta"))), Softplus),
            new("softplus", Op("Where", Op("Greater", X, Cap("threshold")), X, Op("Softplus", X)), Softplus),
            new("softplus", Op("Div", Op("Softplus", Op("Mul", X, Cap("beta"))), Cap("beta")), Softplus),
            new("softplus", Op("Softplus", X), Softplus),
            Simple("softsign", Op("Div", X, Op("Add", Op("Abs", X), C(1)))),
            Simple("softsign", Op("Softsign", X)),
            Simple("relu", Op("Relu", X)),
            Simple("sigmoid", Op("Sigmoid", X)),
            Simple("tanh", Op("Tanh", X)),
            new("leaky_relu", Op("LeakyRelu", X), (_, n, _) => Activation("leaky_relu", ("negative_slope", OnnxAttributes.Float(n, "alpha", 0.01f)))),
            new("elu", Op("Elu", X), (_, n, _) => Activation("elu", ("alpha", OnnxAttributes.Float(n, "alpha", 1f)))),
            new("celu", Op("Celu", X), (_, n, _) => Activation("celu", ("alpha", OnnxAttributes.Float(n, "alpha", 1f)))),
            new("selu", Op("Selu", X), Selu),
            new("prelu", Op("PRelu", X, new TensorPattern("slope")), Prelu),
            new("hardsigmoid", Op("HardSigmoid", X), HardSigmoid),
            new("hardtanh", new OpPattern("Clip", [X], ExtraInputs: true), Clip),
        ];
    }

    /// <summary>x·σ(x).</summary>
    private static Pattern Silu(Pattern x) => Op("Mul", x, Op("Sigmoid", x));

    /// <summary>x·Φ(x) as x·(erf(x/√2) + 1)·½ in any of the three ways of placing the ½.</summary>
    private static Pattern Gelu(Pattern x)
    {
        Pattern t = Op("Add", Op("Erf", new AnyPattern([Op("Div", x, C(Sqrt2)), Op("Mul", x, C(1 / Sqrt2))])), C(1));
        return Half(x, t);
    }

    /// <summary>½·x·(1 + tanh(√(2/π)(x + 0.044715x³))), x³ as x·(x·x) or Pow(x, 3).</summary>
    private static Pattern GeluTanh(Pattern x)
    {
        Pattern cube = new AnyPattern([Op("Mul", x, Op("Mul", x, x)), Op("Pow", x, C(3))]);
        Pattern inner = Op("Mul", Op("Add", x, Op("Mul", cube, C(0.044715))), C(SqrtTwoOverPi));
        return Half(x, Op("Add", Op("Tanh", inner), C(1)));
    }

    /// <summary>x·t·½ as (x·t)·½, (x·½)·t or x·(t·½).</summary>
    private static AnyPattern Half(Pattern x, Pattern t) =>
        new([Op("Mul", Op("Mul", x, t), C(0.5)), Op("Mul", Op("Mul", x, C(0.5)), t), Op("Mul", x, Op("Mul", t, C(0.5)))]);

    private static OpPattern Op(string op, params Pattern[] args) => new(op, args);

    private static ConstPattern C(double value) => new(null, value);

    private static ConstPattern Cap(string name) => new(name, null);

    private static ActivationTemplate Simple(string name, Pattern root) => new(name, root, (_, _, _) => Activation(name));

    private static ImportedLayer Activation(string name, params (string Name, float Value)[] parameters) =>
        ImportedLayer.Stateless(new ActivationConfig(name, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)));

    private static ImportedLayer Softplus(PatternMatch m, NodeProto node, GraphView view)
    {
        float beta = m.Scalars.GetValueOrDefault("beta", 1f);
        // ONNX's Softplus has no threshold; PyTorch's default (20) is where its linear region starts.
        float threshold = m.Scalars.GetValueOrDefault("threshold", 20f);
        if (!(beta > 0f) || !float.IsFinite(beta))
            throw Unsupported(view, node, $"softplus with β = {beta}; β must be positive");
        return Activation("softplus", ("beta", beta), ("threshold", threshold));
    }

    private static ImportedLayer Selu(PatternMatch m, NodeProto node, GraphView view)
    {
        float alpha = OnnxAttributes.Float(node, "alpha", 1.67326319217681884765625f);
        float gamma = OnnxAttributes.Float(node, "gamma", 1.05070102214813232421875f);
        if (!Near(alpha, F.SeluAlpha) || !Near(gamma, F.SeluScale))
            throw Unsupported(view, node, $"Selu with alpha {alpha} and gamma {gamma}; Dendrite's SELU has PyTorch's constants (1.6733, 1.0507)");
        return Activation("selu");
    }

    private static ImportedLayer HardSigmoid(PatternMatch m, NodeProto node, GraphView view)
    {
        float alpha = OnnxAttributes.Float(node, "alpha", 0.2f), beta = OnnxAttributes.Float(node, "beta", 0.5f);
        if (!Near(alpha, 1.0 / 6) || !Near(beta, 0.5))
            throw Unsupported(view, node, $"HardSigmoid with alpha {alpha} and beta {beta}; Dendrite's hardsigmoid is PyTorch's (alpha 1/6, beta 0.5)");
        return Activation("hardsigmoid");
    }

    private static ImportedLayer Prelu(PatternMatch m, NodeProto node, GraphView view)
    {
        ConstTensor slope = m.Tensors["slope"];
        // [C] or [1] broadcast over [batch, C]; PyTorch writes [C]. [1, C] and [C, 1]-style shapes of one row also fit.
        if (slope.Dims.Count(d => d != 1) > 1 || slope.Values.Length == 0)
            throw Unsupported(view, node, $"PRelu slopes of shape {slope.ShapeString}; expected [C] or [1]");
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["weight"] = new Tensor((float[])slope.Values.Clone(), slope.Values.Length) };
        // The slopes' starting value is not in the file; PyTorch's default stands in (it matters only to a fresh model).
        var config = new ActivationConfig("prelu", new Dictionary<string, float>(StringComparer.Ordinal)
        {
            ["num_parameters"] = slope.Values.Length,
            ["init"] = 0.25f,
        });
        return new ImportedLayer(config, state);
    }

    private static ImportedLayer Clip(PatternMatch m, NodeProto node, GraphView view)
    {
        float min = Bound(node, 1, "min", float.NegativeInfinity, view), max = Bound(node, 2, "max", float.PositiveInfinity, view);
        if (min == 0f && max == 6f) return Activation("relu6");
        if (min == 0f && float.IsPositiveInfinity(max)) return Activation("relu");
        if (float.IsFinite(min) && float.IsFinite(max) && min < max) return Activation("hardtanh", ("min_val", min), ("max_val", max));
        throw Unsupported(view, node, $"Clip to [{min}, {max}]; supported: finite bounds min < max (hardtanh, relu6) or [0, ∞) (relu)");
    }

    /// <summary>A Clip bound: input <paramref name="index"/> (opset 11+) or attribute <paramref name="name"/> (older), else unbounded.</summary>
    private static float Bound(NodeProto node, int index, string name, float unbounded, GraphView view)
    {
        if (node.Input.Count > index && node.Input[index].Length > 0)
        {
            if (!view.TryConstant(node.Input[index], out ConstTensor c) || c.Values.Length != 1)
                throw Unsupported(view, node, $"Clip whose {name} is not a constant scalar");
            return c.Values[0];
        }
        return OnnxAttributes.Has(node, name) ? OnnxAttributes.Float(node, name, unbounded) : unbounded;
    }

    private static bool Near(float actual, double expected) => Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected);

    private static OnnxUnsupportedException Unsupported(GraphView view, NodeProto node, string what) =>
        new($"{view.Source}: {GraphView.Describe(node)}: {what}");
}
