using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>σ(x) = 1/(1 + e⁻ˣ), f' = y(1 − y) from the output.</summary>
internal readonly struct SigmoidOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T> => ScalarMath.Sigmoid(x);

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T> => y * (T.One - y);
}
