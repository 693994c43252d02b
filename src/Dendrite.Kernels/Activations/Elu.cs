using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// ELU with α = 1 (PyTorch's default; the fused plan compiles only that): f(z) = z for z &gt; 0, eᶻ − 1 otherwise;
/// f' = 1 or eᶻ. eᶻ − 1 uses Kahan's trick (u = eᶻ; (u − 1)·z/ln u), which keeps its relative accuracy for small
/// |z| where u − 1 alone would be rounding noise. f' is taken from z, not as y + 1, which would cancel for z ≪ 0.
/// </summary>
public readonly struct Elu : IActivation
{
    /// <summary>True: Backward reads z, because f' = eᶻ taken as y + 1 would cancel for z ≪ 0.</summary>
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>y = z for z &gt; 0, else eᶻ − 1 (one lane of the 128-bit form).</summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>dZ = dY · (z &gt; 0 ? 1 : eᶻ), from the pre-activation z (<paramref name="saved"/>).</summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>
    /// Lane-wise y = z for z &gt; 0, else eᶻ − 1 by Kahan's expm1 (z where eᶻ rounds to 1; −1 where eᶻ − 1 rounds
    /// to −1, which also avoids ln 0).
    /// </summary>
    public static Vector512<float> Forward(Vector512<float> z)
    {
        var u = Vector512.Exp(z);
        var um1 = u - Vector512<float>.One;
        var expm1 = Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<float>.One), z,
            Vector512.ConditionalSelect(Vector512.Equals(um1, -Vector512<float>.One), um1, um1 * z / Vector512.Log(u)));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, expm1);
    }

    /// <summary>
    /// Lane-wise y = z for z &gt; 0, else eᶻ − 1 by Kahan's expm1 (z where eᶻ rounds to 1; −1 where eᶻ − 1 rounds
    /// to −1, which also avoids ln 0).
    /// </summary>
    public static Vector256<float> Forward(Vector256<float> z)
    {
        var u = Vector256.Exp(z);
        var um1 = u - Vector256<float>.One;
        var expm1 = Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<float>.One), z,
            Vector256.ConditionalSelect(Vector256.Equals(um1, -Vector256<float>.One), um1, um1 * z / Vector256.Log(u)));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, expm1);
    }

    /// <summary>
    /// Lane-wise y = z for z &gt; 0, else eᶻ − 1 by Kahan's expm1 (z where eᶻ rounds to 1; −1 where eᶻ − 1 rounds
    /// to −1, which also avoids ln 0).
    /// </summary>
    public static Vector128<float> Forward(Vector128<float> z)
    {
        var u = Vector128.Exp(z);
        var um1 = u - Vector128<float>.One;
        var expm1 = Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<float>.One), z,
            Vector128.ConditionalSelect(Vector128.Equals(um1, -Vector128<float>.One), um1, um1 * z / Vector128.Log(u)));
        return Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, expm1);
    }

    /// <summary>Lane-wise dZ = dY · (z &gt; 0 ? 1 : eᶻ), from the pre-activation z.</summary>
    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
        => dy * Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, Vector512.Exp(z));

    /// <summary>Lane-wise dZ = dY · (z &gt; 0 ? 1 : eᶻ), from the pre-activation z.</summary>
    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
        => dy * Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256.Exp(z));

    /// <summary>Lane-wise dZ = dY · (z &gt; 0 ? 1 : eᶻ), from the pre-activation z.</summary>
    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
        => dy * Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, Vector128.Exp(z));
}
