using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>f = x/(1 + |x|), f' = 1/(1 + |x|)². ±∞ map to ±1 (∞/∞ would be NaN) with slope 0.</summary>
internal readonly struct SoftsignOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
        => T.IsInfinity(x) ? T.CopySign(T.One, x) : x / (T.One + T.Abs(x));

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T d = T.One + T.Abs(x);
        return T.One / (d * d);
    }
}
