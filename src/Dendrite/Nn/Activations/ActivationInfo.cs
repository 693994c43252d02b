using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;

namespace Dendrite.Nn;

/// <summary>
/// One entry of <see cref="ActivationRegistry"/>, the only place an activation is registered: its name, the module
/// type and how to build one from parameters (and read them back, for saving), how it changes the feature width,
/// scalar f and f' in double for plotting, and the fused kernel the training plan runs for it when it has one.
/// </summary>
public sealed class ActivationInfo
{
    private readonly Func<float[], Module> _create;
    private readonly Func<Module, float[]> _read;
    private readonly Func<Module, bool> _matches;
    private readonly Func<Module, IStageKernels?> _fused;

    internal ActivationInfo(string name, string formula, bool isGated, Type moduleType, IReadOnlyList<ActivationParameter> parameters,
        Func<float[], Module> create, Func<Module, float[]> read, Func<Module, bool> matches, Func<Module, IStageKernels?> fused,
        Func<double, double> function, Func<double, double> derivative)
    {
        Name = name;
        Formula = formula;
        IsGated = isGated;
        ModuleType = moduleType;
        Parameters = parameters;
        _create = create;
        _read = read;
        _matches = matches;
        _fused = fused;
        Function = function;
        Derivative = derivative;
    }

    /// <summary>The registry key, lowercase ("leaky_relu").</summary>
    public string Name { get; }

    /// <summary>A one-line formula for legends and help text, e.g. "x·σ(x)".</summary>
    public string Formula { get; }

    /// <summary>True for GLU, SwiGLU and GeGLU, which halve the last dimension.</summary>
    public bool IsGated { get; }

    /// <summary>The module class this entry builds (<see cref="GELU"/> serves both "gelu" and "gelu_tanh").</summary>
    public Type ModuleType { get; }

    /// <summary>The numeric parameters, in constructor order, with PyTorch's defaults; empty for most activations.</summary>
    public IReadOnlyList<ActivationParameter> Parameters { get; }

    /// <summary>
    /// The scalar function in double, computed by the same formula the engine runs. For a gated entry it is the
    /// gate's activation (σ for GLU, SiLU for SwiGLU, GELU for GeGLU): the product with the other half is linear.
    /// For a parameterized entry it is the function at the default parameters.
    /// </summary>
    public Func<double, double> Function { get; }

    /// <summary>The analytic derivative of <see cref="Function"/> (what backward uses), in double.</summary>
    public Func<double, double> Derivative { get; }

    /// <summary>A new module with default parameters (a fresh PReLU slope each call).</summary>
    public Module Create() => _create([.. Parameters.Select(p => p.Default)]);

    /// <summary>
    /// A new module with the given parameters; a parameter not given takes its default.
    /// </summary>
    /// <exception cref="DendriteException">a name that is not a parameter of this activation, or a value the
    /// module refuses (e.g. hardtanh with min_val ≥ max_val); the message names the activation and the parameter.</exception>
    public Module Create(IReadOnlyDictionary<string, float> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (string key in parameters.Keys)
            if (!Parameters.Any(p => p.Name == key))
                throw new DendriteException(Parameters.Count == 0
                    ? $"activation '{Name}' has no parameters, got '{key}'"
                    : $"activation '{Name}' has no parameter '{key}'; its parameters are {string.Join(", ", Parameters.Select(p => p.Name))}");
        float[] values = [.. Parameters.Select(p => parameters.TryGetValue(p.Name, out float v) ? v : p.Default)];
        try
        {
            return _create(values);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DendriteException($"activation '{Name}': {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>True when <paramref name="module"/> is this entry's activation (for GELU, with this entry's approximation).</summary>
    public bool Describes(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.GetType() == ModuleType && _matches(module);
    }

    /// <summary>The parameter values of <paramref name="module"/> (which this entry must describe), by name.</summary>
    public IReadOnlyDictionary<string, float> ParametersOf(Module module)
    {
        if (!Describes(module)) throw new ArgumentException($"{module} is not a '{Name}' activation", nameof(module));
        float[] values = _read(module);
        var result = new Dictionary<string, float>(StringComparer.Ordinal);
        for (int i = 0; i < Parameters.Count; i++) result[Parameters[i].Name] = values[i];
        return result;
    }

    /// <summary>
    /// Whether the fused training plan has a kernel for <paramref name="module"/>: the entry has one and the module's
    /// parameters are the ones it hard-codes (PyTorch's defaults). Learned and gated activations have none.
    /// </summary>
    public bool IsFusable(Module module) => Describes(module) && _fused(module) is not null;

    /// <summary>The kernels the fused plan runs for <paramref name="module"/>, or null (see <see cref="IsFusable"/>).</summary>
    internal IStageKernels? FusedKernels(Module module) => Describes(module) ? _fused(module) : null;

    /// <summary>
    /// The feature width after this activation for <paramref name="inputWidth"/> features: the same, or half
    /// for gated ones (so the Linear before a gated layer must produce twice the wanted width).
    /// </summary>
    /// <exception cref="Tensors.ShapeMismatchException">a gated entry given an odd width.</exception>
    public int OutputWidth(int inputWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputWidth);
        return IsGated ? F.GatedOutputShape([inputWidth], Name)[0] : inputWidth;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Formula}";
}
