using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// An elementwise activation y = f(x) as an operator struct: the formula and its derivative side by side, generic
/// over the number type. The tensor ops instantiate it with float (one generic span loop constrained to struct, so
/// the JIT specializes and inlines it per activation); the plotting pairs of <see cref="Nn.ActivationRegistry"/>
/// instantiate it with double, so a plot shows exactly the formula the engine runs.
/// </summary>
internal interface IScalarActivation
{
    /// <summary>f(x).</summary>
    T Forward<T>(T x) where T : IFloatingPointIeee754<T>;

    /// <summary>
    /// f'(x), given the input x and the output y = f(x): whichever is cheaper is used (σ and tanh from y,
    /// piecewise functions from x), so backward never recomputes an exp that forward already paid for.
    /// </summary>
    T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>;
}
