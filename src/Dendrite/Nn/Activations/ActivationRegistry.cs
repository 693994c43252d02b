using System.Diagnostics.CodeAnalysis;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Functional.Activations;

namespace Dendrite.Nn;

/// <summary>
/// Every activation by its lowercase name (PyTorch's functional spelling): a factory for the module with default
/// parameters, its effect on the width, and scalar (f, f') pairs for `dendrite plot activations`.
/// Lookup ignores case. The scalar pairs come from the same operator structs the tensor ops run, instantiated in
/// double, so a plot cannot drift from the implementation.
/// </summary>
public static class ActivationRegistry
{
    private static readonly ActivationInfo[] s_entries =
    [
        Entry("relu", "max(x, 0)", () => new ReLU(), default(ReluOp)),
        Entry("leaky_relu", "x if x > 0 else 0.01·x", () => new LeakyReLU(), new LeakyReluOp(0.01f)),
        Entry("prelu", "x if x > 0 else a·x (a learned, starts at 0.25)", () => new PReLU(), new LeakyReluOp(0.25f)),
        Entry("elu", "x if x > 0 else eˣ − 1", () => new ELU(), new EluOp(1f, 1f, 1f)),
        Entry("selu", "λ·(x if x > 0 else α(eˣ − 1))", () => new SELU(), new EluOp((float)F.SeluAlpha, (float)F.SeluScale, 1f)),
        Entry("celu", "max(0, x) + min(0, eˣ − 1)", () => new CELU(), new EluOp(1f, 1f, 1f)),
        Entry("gelu", "x·Φ(x)", () => new GELU(), new GeluOp(GeluApproximation.None)),
        Entry("gelu_tanh", "½x(1 + tanh(√(2/π)(x + 0.044715x³)))", () => new GELU(GeluApproximation.Tanh), new GeluOp(GeluApproximation.Tanh)),
        Entry("silu", "x·σ(x)", () => new SiLU(), default(SiluOp)),
        Entry("swish", "x·σ(x)", () => new SiLU(), default(SiluOp)),
        Entry("mish", "x·tanh(ln(1 + eˣ))", () => new Mish(), default(MishOp)),
        Entry("softplus", "ln(1 + eˣ), x above 20", () => new Softplus(), new SoftplusOp(1f, 20f)),
        Entry("softsign", "x/(1 + |x|)", () => new Softsign(), default(SoftsignOp)),
        Entry("sigmoid", "1/(1 + e⁻ˣ)", () => new Sigmoid(), default(SigmoidOp)),
        Entry("tanh", "tanh x", () => new Tanh(), default(TanhOp)),
        Entry("hardtanh", "clamp(x, −1, 1)", () => new Hardtanh(), new HardtanhOp(-1f, 1f)),
        Entry("hardsigmoid", "relu6(x + 3)/6", () => new HardSigmoid(), default(HardSigmoidOp)),
        Entry("relu6", "min(max(x, 0), 6)", () => new ReLU6(), new HardtanhOp(0f, 6f)),
        Entry("glu", "a ⊙ σ(b), [a | b] = x", () => new GLU(), default(SigmoidOp), isGated: true),
        Entry("swiglu", "SiLU(a) ⊙ b, [a | b] = x", () => new SwiGLU(), default(SiluOp), isGated: true),
        Entry("geglu", "GELU(a) ⊙ b, [a | b] = x", () => new GeGLU(), new GeluOp(GeluApproximation.None), isGated: true),
    ];

    private static readonly Dictionary<string, ActivationInfo> s_byName =
        s_entries.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>All names in a fixed order (element-wise ones first, then gated).</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(s_entries.Select(e => e.Name).ToArray());

    /// <summary>All entries, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<ActivationInfo> All { get; } = Array.AsReadOnly(s_entries);

    /// <summary>The entry for <paramref name="name"/>, or false.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out ActivationInfo? info)
    {
        ArgumentNullException.ThrowIfNull(name);
        return s_byName.TryGetValue(name, out info);
    }

    /// <summary>The entry for <paramref name="name"/>.</summary>
    /// <exception cref="UnknownActivationException">no such activation; the message lists the known names.</exception>
    public static ActivationInfo Get(string name)
        => TryGet(name, out var info)
            ? info
            : throw new UnknownActivationException($"unknown activation '{name}'; expected one of: {string.Join(", ", Names)}");

    /// <summary>A new module for <paramref name="name"/> with default parameters.</summary>
    public static Module Create(string name) => Get(name).Create();

    /// <summary>The width after activation <paramref name="name"/> for <paramref name="inputWidth"/> features (half for gated ones).</summary>
    public static int OutputWidth(string name, int inputWidth) => Get(name).OutputWidth(inputWidth);

    /// <summary>The scalar function and its derivative in double, for plotting.</summary>
    public static (Func<double, double> F, Func<double, double> Df) Scalar(string name)
    {
        var info = Get(name);
        return (info.Function, info.Derivative);
    }

    private static ActivationInfo Entry<TOp>(string name, string formula, Func<Module> factory, TOp op, bool isGated = false)
        where TOp : struct, IScalarActivation
        => new(name, formula, isGated, factory, x => op.Forward(x), x => op.Derivative(x, op.Forward(x)));
}
