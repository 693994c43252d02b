using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>SiLU / Swish: f = x·σ(x), f' = σ(x)·(1 + x·(1 − σ(x))). σ is recomputed in backward: y/x is 0/0 at x = 0.</summary>
internal readonly struct SiluOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T> => x * ScalarMath.Sigmoid(x);

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T s = ScalarMath.Sigmoid(x);
        return s * (T.One + x * (T.One - s));
    }
}
