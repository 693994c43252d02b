using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Softplus with PyTorch's defaults β = 1, threshold = 20 (the fused plan compiles only those): f(z) = z for
/// z &gt; 20, else max(z, 0) + ln(1 + e^(−|z|)) (finite for every z, no e^z overflow); f' = 1 there, else σ(z).
/// ln(1 + v) uses Goldberg's trick (ln w · v/(w − 1), w = 1 + v), accurate for tiny v.
/// </summary>
public readonly struct Softplus : IActivation
{
    /// <summary>Above this input softplus is the identity (PyTorch's default threshold, with β = 1).</summary>
    public const float Threshold = 20f;

    /// <summary>True: Backward reads z and computes f' = σ(z) from it directly.</summary>
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>
    /// y = z for z &gt; <see cref="Threshold"/>, else max(z, 0) + ln(1 + e^(−|z|)) (one lane of the 128-bit form).
    /// </summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>
    /// dZ = dY · (z &gt; <see cref="Threshold"/> ? 1 : σ(z)), from the pre-activation z (<paramref name="saved"/>).
    /// </summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>
    /// Lane-wise y = z for z &gt; <see cref="Threshold"/>, else max(z, 0) + ln(1 + e^(−|z|)); finite for every
    /// finite z (only e^(−|z|) ≤ 1 is formed).
    /// </summary>
    public static Vector512<float> Forward(Vector512<float> z)
    {
        var v = Vector512.Exp(-Vector512.Abs(z));
        var w = Vector512<float>.One + v;
        var log1p = Vector512.ConditionalSelect(Vector512.Equals(w, Vector512<float>.One), v, Vector512.Log(w) * v / (w - Vector512<float>.One));
        var positive = Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, Vector512<float>.Zero);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(Threshold)), z, positive + log1p);
    }

    /// <summary>
    /// Lane-wise y = z for z &gt; <see cref="Threshold"/>, else max(z, 0) + ln(1 + e^(−|z|)); finite for every
    /// finite z (only e^(−|z|) ≤ 1 is formed).
    /// </summary>
    public static Vector256<float> Forward(Vector256<float> z)
    {
        var v = Vector256.Exp(-Vector256.Abs(z));
        var w = Vector256<float>.One + v;
        var log1p = Vector256.ConditionalSelect(Vector256.Equals(w, Vector256<float>.One), v, Vector256.Log(w) * v / (w - Vector256<float>.One));
        var positive = Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, Vector256<float>.Zero);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256.Create(Threshold)), z, positive + log1p);
    }

    /// <summary>
    /// Lane-wise y = z for z &gt; <see cref="Threshold"/>, else max(z, 0) + ln(1 + e^(−|z|)); finite for every
    /// finite z (only e^(−|z|) ≤ 1 is formed).
    /// </summary>
    public static Vector128<float> Forward(Vector128<float> z)
    {
        var v = Vector128.Exp(-Vector128.Abs(z));
        var w = Vector128<float>.One + v;
        var log1p = Vector128.ConditionalSelect(Vector128.Equals(w, Vector128<float>.One), v, Vector128.Log(w) * v / (w - Vector128<float>.One));
        var positive = Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, Vector128<float>.Zero);
        return Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128.Create(Threshold)), z, positive + log1p);
    }

    /// <summary>
    /// Lane-wise dZ = dY · (z &gt; <see cref="Threshold"/> ? 1 : σ(z)), from the pre-activation z; σ is computed from
    /// e^(−|z|), so it never overflows.
    /// </summary>
    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
    {
        var e = Vector512.Exp(-Vector512.Abs(z));
        var r = Vector512<float>.One / (Vector512<float>.One + e);
        var sigma = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero), r, e * r);
        return dy * Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(Threshold)), Vector512<float>.One, sigma);
    }

    /// <summary>
    /// Lane-wise dZ = dY · (z &gt; <see cref="Threshold"/> ? 1 : σ(z)), from the pre-activation z; σ is computed from
    /// e^(−|z|), so it never overflows.
    /// </summary>
    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
    {
        var e = Vector256.Exp(-Vector256.Abs(z));
        var r = Vector256<float>.One / (Vector256<float>.One + e);
        var sigma = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero), r, e * r);
        return dy * Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256.Create(Threshold)), Vector256<float>.One, sigma);
    }

    /// <summary>
    /// Lane-wise dZ = dY · (z &gt; <see cref="Threshold"/> ? 1 : σ(z)), from the pre-activation z; σ is computed from
    /// e^(−|z|), so it never overflows.
    /// </summary>
    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
    {
        var e = Vector128.Exp(-Vector128.Abs(z));
        var r = Vector128<float>.One / (Vector128<float>.One + e);
        var sigma = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(z, Vector128<float>.Zero), r, e * r);
        return dy * Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128.Create(Threshold)), Vector128<float>.One, sigma);
    }
}
