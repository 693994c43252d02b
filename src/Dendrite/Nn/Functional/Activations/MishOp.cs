using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// Mish (Misra 2019): f = x·tanh(softplus x), f' = tanh(sp) + x·(1 − tanh²(sp))·σ(x), using softplus' = σ.
/// Softplus is the overflow-free form, so f is finite for every finite x.
/// </summary>
internal readonly struct MishOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T> => x * T.Tanh(ScalarMath.Softplus(x));

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T t = T.Tanh(ScalarMath.Softplus(x));
        T sech2 = T.One - t * t;
        // For x ≫ 0, sech² is exactly 0; skipping the product keeps x = ±huge from giving 0·∞.
        return sech2 == T.Zero ? t : t + x * sech2 * ScalarMath.Sigmoid(x);
    }
}
