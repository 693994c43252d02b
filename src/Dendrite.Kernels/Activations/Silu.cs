using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// SiLU / Swish: f(z) = z·σ(z), f'(z) = σ(z)·(1 + z·(1 − σ(z))). σ and 1 − σ both come from e = e^(−|z|) ≤ 1
/// (1/(1 + e) and e/(1 + e), swapped by the sign of z): no overflow, and 1 − σ keeps its relative accuracy for
/// z ≫ 0 instead of cancelling. Backward needs z (y/z is 0/0 at z = 0).
/// </summary>
public readonly struct Silu : IActivation
{
    /// <summary>True: Backward reads z; σ(z) recovered as y/z would be 0/0 at z = 0.</summary>
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>y = z·σ(z) (one lane of the 128-bit form).</summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>dZ = dY · σ(z)·(1 + z·(1 − σ(z))), from the pre-activation z (<paramref name="saved"/>).</summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>Lane-wise y = z·σ(z), σ computed from e^(−|z|) so nothing overflows.</summary>
    public static Vector512<float> Forward(Vector512<float> z) => z * Logistic(z, out _);

    /// <summary>Lane-wise y = z·σ(z), σ computed from e^(−|z|) so nothing overflows.</summary>
    public static Vector256<float> Forward(Vector256<float> z) => z * Logistic(z, out _);

    /// <summary>Lane-wise y = z·σ(z), σ computed from e^(−|z|) so nothing overflows.</summary>
    public static Vector128<float> Forward(Vector128<float> z) => z * Logistic(z, out _);

    /// <summary>
    /// Lane-wise dZ = dY · σ(z)·(1 + z·(1 − σ(z))), from the pre-activation z; 1 − σ is computed directly, not by
    /// subtraction.
    /// </summary>
    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
    {
        var s = Logistic(z, out var oneMinus);
        return dy * s * (Vector512<float>.One + (z * oneMinus));
    }

    /// <summary>
    /// Lane-wise dZ = dY · σ(z)·(1 + z·(1 − σ(z))), from the pre-activation z; 1 − σ is computed directly, not by
    /// subtraction.
    /// </summary>
    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
    {
        var s = Logistic(z, out var oneMinus);
        return dy * s * (Vector256<float>.One + (z * oneMinus));
    }

    /// <summary>
    /// Lane-wise dZ = dY · σ(z)·(1 + z·(1 − σ(z))), from the pre-activation z; 1 − σ is computed directly, not by
    /// subtraction.
    /// </summary>
    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
    {
        var s = Logistic(z, out var oneMinus);
        return dy * s * (Vector128<float>.One + (z * oneMinus));
    }

    /// <summary>σ(z), and 1 − σ(z) without cancellation.</summary>
    private static Vector512<float> Logistic(Vector512<float> z, out Vector512<float> oneMinus)
    {
        var e = Vector512.Exp(-Vector512.Abs(z));
        var r = Vector512<float>.One / (Vector512<float>.One + e);
        var positive = Vector512.GreaterThanOrEqual(z, Vector512<float>.Zero);
        oneMinus = Vector512.ConditionalSelect(positive, e * r, r);
        return Vector512.ConditionalSelect(positive, r, e * r);
    }

    /// <summary>σ(z), and 1 − σ(z) without cancellation.</summary>
    private static Vector256<float> Logistic(Vector256<float> z, out Vector256<float> oneMinus)
    {
        var e = Vector256.Exp(-Vector256.Abs(z));
        var r = Vector256<float>.One / (Vector256<float>.One + e);
        var positive = Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero);
        oneMinus = Vector256.ConditionalSelect(positive, e * r, r);
        return Vector256.ConditionalSelect(positive, r, e * r);
    }

    /// <summary>σ(z), and 1 − σ(z) without cancellation.</summary>
    private static Vector128<float> Logistic(Vector128<float> z, out Vector128<float> oneMinus)
    {
        var e = Vector128.Exp(-Vector128.Abs(z));
        var r = Vector128<float>.One / (Vector128<float>.One + e);
        var positive = Vector128.GreaterThanOrEqual(z, Vector128<float>.Zero);
        oneMinus = Vector128.ConditionalSelect(positive, e * r, r);
        return Vector128.ConditionalSelect(positive, r, e * r);
    }
}
