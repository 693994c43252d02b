using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>tanh x, f' = 1 − y² from the output.</summary>
internal readonly struct TanhOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.One - y * y;
}
