using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// GELU. Exact: f = x·Φ(x), f' = Φ(x) + x·φ(x). Tanh approximation (Hendrycks &amp; Gimpel; PyTorch's
/// approximate='tanh'): f = ½x(1 + tanh u) with u = √(2/π)(x + 0.044715x³),
/// f' = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
/// </summary>
internal readonly struct GeluOp(GeluApproximation approximation) : IScalarActivation
{
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double Cubic = 0.044715;

    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (approximation == GeluApproximation.None) return x * ScalarMath.NormalCdf(x);
        T half = ScalarMath.C<T>(0.5);
        return half * x * (T.One + T.Tanh(Inner(x)));
    }

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        if (approximation == GeluApproximation.None) return ScalarMath.NormalCdf(x) + x * ScalarMath.NormalPdf(x);
        T half = ScalarMath.C<T>(0.5);
        T u = Inner(x), t = T.Tanh(u), c = T.Cosh(u);
        // sech²u as 1/cosh²u, not 1 − tanh²u: the latter cancels once |tanh u| nears 1 (x ≈ −3.5 already
        // loses ~7% of the slope's digits in float). For |x| large, sech² is exactly 0 while x·(1 + 3c·x²)
        // overflows: skipping the product avoids 0·∞ = NaN where the slope is exactly 1 or 0.
        T sech2 = T.One / (c * c);
        if (sech2 == T.Zero) return half * (T.One + t);
        T du = ScalarMath.C<T>(SqrtTwoOverPi) * (T.One + ScalarMath.C<T>(3 * Cubic) * x * x);
        return half * (T.One + t) + half * x * sech2 * du;
    }

    private static T Inner<T>(T x) where T : IFloatingPointIeee754<T>
        => ScalarMath.C<T>(SqrtTwoOverPi) * (x + ScalarMath.C<T>(Cubic) * x * x * x);
}
