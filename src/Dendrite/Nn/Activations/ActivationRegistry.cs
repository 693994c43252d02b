using System.Diagnostics.CodeAnalysis;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Functional.Activations;
using Dendrite.Nn.Fused;
using K = Dendrite.Kernels.Activations;

namespace Dendrite.Nn;

/// <summary>
/// Every activation by its lowercase name (PyTorch's functional spelling), registered once: the module type and how
/// to build it from its parameters (and read them back, so a saved model names its activations), its effect on the
/// width, scalar (f, f') pairs for `dendrite plot activations`, and its fused training kernel when it has one.
/// Lookup ignores case. The scalar pairs come from the same operator structs the tensor ops run, instantiated in
/// double, so a plot cannot drift from the implementation. Tests iterate <see cref="All"/>, so a new entry is covered
/// without editing a test list.
/// </summary>
public static class ActivationRegistry
{
    private static readonly ActivationParameter[] None = [];

    private static readonly ActivationInfo[] s_entries =
    [
        Simple<ReLU, ReluOp>("relu", "max(x, 0)", () => new ReLU(), default, Fused<K.Relu>()),
        Entry<LeakyReLU, LeakyReluOp>("leaky_relu", "x if x > 0 else 0.01·x", new(0.01f), [new("negative_slope", 0.01f)],
            v => new LeakyReLU(v[0]), m => [m.NegativeSlope],
            m => m.NegativeSlope == K.LeakyRelu.Slope ? Fused<K.LeakyRelu>() : null),
        // PReLU's slopes are learned, so the fused plan (which has no parameter gradient for them) leaves it to autograd.
        Entry<PReLU, LeakyReluOp>("prelu", "x if x > 0 else a·x (a learned, starts at 0.25)", new(0.25f),
            [new("num_parameters", 1f), new("init", 0.25f)], v => new PReLU(Count(v[0], "num_parameters"), v[1]),
            m => [m.NumParameters, m.Init], _ => null),
        Entry<ELU, EluOp>("elu", "x if x > 0 else eˣ − 1", new(1f, 1f, 1f), [new("alpha", 1f)], v => new ELU(v[0]), m => [m.Alpha],
            m => m.Alpha == 1f ? Fused<K.Elu>() : null),
        Simple<SELU, EluOp>("selu", "λ·(x if x > 0 else α(eˣ − 1))", () => new SELU(), new((float)F.SeluAlpha, (float)F.SeluScale, 1f), null),
        // CELU with α = 1 is ELU(1), so it shares ELU's kernel.
        Entry<CELU, EluOp>("celu", "max(0, x) + min(0, eˣ − 1)", new(1f, 1f, 1f), [new("alpha", 1f)], v => new CELU(v[0]), m => [m.Alpha],
            m => m.Alpha == 1f ? Fused<K.Elu>() : null),
        Entry<GELU, GeluOp>("gelu", "x·Φ(x)", new(GeluApproximation.None), None, _ => new GELU(), _ => [], _ => Fused<K.Gelu>(),
            m => m.Approximation == GeluApproximation.None),
        Entry<GELU, GeluOp>("gelu_tanh", "½x(1 + tanh(√(2/π)(x + 0.044715x³)))", new(GeluApproximation.Tanh), None,
            _ => new GELU(GeluApproximation.Tanh), _ => [], _ => Fused<K.GeluTanh>(), m => m.Approximation == GeluApproximation.Tanh),
        Simple<SiLU, SiluOp>("silu", "x·σ(x)", () => new SiLU(), default, Fused<K.Silu>()),
        Simple<SiLU, SiluOp>("swish", "x·σ(x)", () => new SiLU(), default, Fused<K.Silu>()),
        Simple<Mish, MishOp>("mish", "x·tanh(ln(1 + eˣ))", () => new Mish(), default, Fused<K.Mish>()),
        Entry<Softplus, SoftplusOp>("softplus", "ln(1 + eˣ), x above 20", new(1f, 20f), [new("beta", 1f), new("threshold", 20f)],
            v => new Softplus(v[0], v[1]), m => [m.Beta, m.Threshold],
            m => m.Beta == 1f && m.Threshold == K.Softplus.Threshold ? Fused<K.Softplus>() : null),
        Simple<Softsign, SoftsignOp>("softsign", "x/(1 + |x|)", () => new Softsign(), default, null),
        Simple<Sigmoid, SigmoidOp>("sigmoid", "1/(1 + e⁻ˣ)", () => new Sigmoid(), default, Fused<K.Sigmoid>()),
        Simple<Tanh, TanhOp>("tanh", "tanh x", () => new Tanh(), default, Fused<K.Tanh>()),
        Entry<Hardtanh, HardtanhOp>("hardtanh", "clamp(x, −1, 1)", new(-1f, 1f), [new("min_val", -1f), new("max_val", 1f)],
            v => new Hardtanh(v[0], v[1]), m => [m.Min, m.Max], _ => null),
        Simple<HardSigmoid, HardSigmoidOp>("hardsigmoid", "relu6(x + 3)/6", () => new HardSigmoid(), default, null),
        Simple<ReLU6, HardtanhOp>("relu6", "min(max(x, 0), 6)", () => new ReLU6(), new(0f, 6f), null),
        Gated<GLU, SigmoidOp>("glu", "a ⊙ σ(b), [a | b] = x", () => new GLU(), default),
        Gated<SwiGLU, SiluOp>("swiglu", "SiLU(a) ⊙ b, [a | b] = x", () => new SwiGLU(), default),
        Gated<GeGLU, GeluOp>("geglu", "GELU(a) ⊙ b, [a | b] = x", () => new GeGLU(), new(GeluApproximation.None),
            m => m.Approximation == GeluApproximation.None),
        Gated<GeGLU, GeluOp>("geglu_tanh", "GELU_tanh(a) ⊙ b, [a | b] = x", () => new GeGLU(GeluApproximation.Tanh), new(GeluApproximation.Tanh),
            m => m.Approximation == GeluApproximation.Tanh),
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

    /// <summary>
    /// The entry describing <paramref name="module"/> (the first registered one when two names share a module, so
    /// SiLU is "silu", not "swish"), or false when the module is not a registered activation.
    /// </summary>
    public static bool TryDescribe(Module module, [NotNullWhen(true)] out ActivationInfo? info)
    {
        ArgumentNullException.ThrowIfNull(module);
        info = s_entries.FirstOrDefault(e => e.Describes(module));
        return info is not null;
    }

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

    /// <summary>Whether the fused plan has a kernel for <paramref name="module"/> (a registered activation with the parameters its kernel hard-codes).</summary>
    public static bool IsFusable(Module module) => FusedKernelsOf(module) is not null;

    /// <summary>The fused plan's kernels for <paramref name="module"/>, or null.</summary>
    internal static IStageKernels? FusedKernelsOf(Module module) =>
        TryDescribe(module, out var info) ? info.FusedKernels(module) : null;

    private static IStageKernels Fused<TAct>() where TAct : struct, K.IActivation => StageKernels<TAct>.Instance;

    private static int Count(float value, string name) =>
        value >= 1 && value <= int.MaxValue && value == MathF.Floor(value)
            ? (int)value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a whole number ≥ 1");

    private static ActivationInfo Simple<TModule, TOp>(string name, string formula, Func<TModule> create, TOp op, IStageKernels? fused)
        where TModule : Module where TOp : struct, IScalarActivation
        => Entry<TModule, TOp>(name, formula, op, None, _ => create(), _ => [], _ => fused);

    private static ActivationInfo Gated<TModule, TOp>(string name, string formula, Func<TModule> create, TOp op, Func<TModule, bool>? matches = null)
        where TModule : Module where TOp : struct, IScalarActivation
        => Entry<TModule, TOp>(name, formula, op, None, _ => create(), _ => [], _ => null, matches, isGated: true);

    private static ActivationInfo Entry<TModule, TOp>(string name, string formula, TOp op, ActivationParameter[] parameters,
        Func<float[], TModule> create, Func<TModule, float[]> read, Func<TModule, IStageKernels?> fused,
        Func<TModule, bool>? matches = null, bool isGated = false)
        where TModule : Module where TOp : struct, IScalarActivation
        => new(name, formula, isGated, typeof(TModule), parameters, v => create(v), m => read((TModule)m),
            m => matches is null || matches((TModule)m), m => fused((TModule)m),
            x => op.Forward(x), x => op.Derivative(x, op.Forward(x)));
}
