using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// Numerically careful scalar building blocks shared by the activation operator structs. Generic math's
/// <c>T.ExpM1</c>/<c>T.LogP1</c> are plain exp(x)−1 and log(x+1) in .NET, which lose all relative precision for
/// small |x| (softplus(−20) would round to 0 instead of 2e-9), hence the compensated versions here.
/// </summary>
internal static class ScalarMath
{
    /// <summary>A constant in T (folded by the JIT for float).</summary>
    public static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateTruncating(value);

    /// <summary>
    /// σ(x) = 1/(1+e⁻ˣ), in the form that never overflows: e⁻|ˣ| ≤ 1 is the only exponential taken.
    /// </summary>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        T e = T.Exp(x);
        return e / (T.One + e);
    }

    /// <summary>ln(1 + u), accurate for tiny u (Goldberg's trick: the rounding of 1+u is divided back out).</summary>
    public static T Log1P<T>(T u) where T : IFloatingPointIeee754<T>
    {
        T w = T.One + u;
        if (w == T.One) return u;
        if (T.IsPositiveInfinity(w)) return w;
        return T.Log(w) * u / (w - T.One);
    }

    /// <summary>eˣ − 1, accurate for small |x| (Kahan's trick: divide the rounding of eˣ back out through ln eˣ).</summary>
    public static T ExpM1<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One) return x;
        T um1 = u - T.One;
        if (um1 == -T.One || T.IsPositiveInfinity(u)) return um1;
        return um1 * x / T.Log(u);
    }

    /// <summary>
    /// softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e⁻|ˣ|): finite for every finite x (no eˣ overflow for x ≫ 0).
    /// </summary>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
        => T.Max(x, T.Zero) + Log1P(T.Exp(-T.Abs(x)));

    /// <summary>
    /// Standard normal CDF Φ(x) = ½·erfc(−x/√2), evaluated in double (relative error ~1e-15 also in the far
    /// left tail, which GELU's x·Φ(x) needs) and rounded to T.
    /// </summary>
    public static T NormalCdf<T>(T x) where T : IFloatingPointIeee754<T>
    {
        double z = -double.CreateTruncating(x) / Math.Sqrt(2);
        return T.CreateTruncating(0.5 * Erf.Erfc(z));
    }

    /// <summary>Standard normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    public static T NormalPdf<T>(T x) where T : IFloatingPointIeee754<T>
        => T.Exp(-(x * x) / C<T>(2)) * C<T>(0.3989422804014327);
}
