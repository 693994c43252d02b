using Dendrite.Autograd;
using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Shared plumbing for optimizers: owns the parameter list, runs the update under NoGrad, checks gradient shapes
/// and hands each parameter to a span-level rule. Subclasses implement only <see cref="Update"/>; per-parameter
/// state (momentum, Adam moments) is indexed by the parameter's position.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private readonly Parameter[] _parameters;

    protected Optimizer(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var p in _parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            // A parameter listed twice would be updated twice per step.
            if (!seen.Add(p)) throw new ArgumentException($"parameter {p.ShapeString} is listed twice", nameof(parameters));
        }
    }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Size of the largest parameter, for sizing scratch buffers once.</summary>
    protected int MaxParameterSize => _parameters.Length == 0 ? 0 : _parameters.Max(p => p.Size);

    public void Step()
    {
        using var _ = AutogradContext.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            Parameter p = _parameters[i];
            if (p.Grad is not { } grad) continue;
            if (grad.Size != p.Size)
                throw new ShapeMismatchException($"gradient {grad.ShapeString} does not match parameter {p.ShapeString}");
            Update(i, p.Data, grad.Data);
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>Updates parameter number <paramref name="index"/> in place from its gradient.</summary>
    protected abstract void Update(int index, Span<float> param, ReadOnlySpan<float> grad);
}
