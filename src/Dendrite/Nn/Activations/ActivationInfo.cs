using Dendrite.Nn.Functional;

namespace Dendrite.Nn;

/// <summary>
/// One entry of <see cref="ActivationRegistry"/>: how to build the module with default parameters, how it changes
/// the feature width, and scalar f and f' in double for plotting.
/// </summary>
public sealed class ActivationInfo
{
    private readonly Func<Module> _factory;

    internal ActivationInfo(string name, string formula, bool isGated, Func<Module> factory,
        Func<double, double> function, Func<double, double> derivative)
    {
        Name = name;
        Formula = formula;
        IsGated = isGated;
        _factory = factory;
        Function = function;
        Derivative = derivative;
    }

    /// <summary>The registry key, lowercase ("leaky_relu").</summary>
    public string Name { get; }

    /// <summary>A one-line formula for legends and help text, e.g. "x·σ(x)".</summary>
    public string Formula { get; }

    /// <summary>True for GLU, SwiGLU and GeGLU, which halve the last dimension.</summary>
    public bool IsGated { get; }

    /// <summary>
    /// The scalar function in double, computed by the same formula the engine runs. For a gated entry it is the
    /// gate's activation (σ for GLU, SiLU for SwiGLU, GELU for GeGLU): the product with the other half is linear.
    /// </summary>
    public Func<double, double> Function { get; }

    /// <summary>The analytic derivative of <see cref="Function"/> (what backward uses), in double.</summary>
    public Func<double, double> Derivative { get; }

    /// <summary>A new module with default parameters (a fresh PReLU slope each call).</summary>
    public Module Create() => _factory();

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

    public override string ToString() => $"{Name}: {Formula}";
}
