using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Hyperbolic tangent: y = tanh z, dZ = dY · (1 − y²) from the output.
/// Vector form: tanh z = sign(z) · (1 − e)/(1 + e) with e = e^{−2|z|} ∈ (0, 1], which never overflows (|z| large
/// gives e = 0, y = ±1). Its absolute error is ~1e-7 (cancellation in 1 − e near 0), fine for training;
/// the scalar tail uses MathF.Tanh.
/// </summary>
public readonly struct Tanh : IActivation
{
    /// <summary>y = MathF.Tanh(z), for row tails; may differ from the vector forms by ~1e-7.</summary>
    public static float Forward(float z) => MathF.Tanh(z);

    /// <summary>Lane-wise y = sign(z)·(1 − e)/(1 + e), e = e^(−2|z|): never overflows, absolute error ~1e-7.</summary>
    public static Vector128<float> Forward(Vector128<float> z)
    {
        var e = Vector128.Exp(Vector128.Abs(z) * -2f);
        return Vector128.CopySign((Vector128<float>.One - e) / (Vector128<float>.One + e), z);
    }

    /// <summary>Lane-wise y = sign(z)·(1 − e)/(1 + e), e = e^(−2|z|): never overflows, absolute error ~1e-7.</summary>
    public static Vector256<float> Forward(Vector256<float> z)
    {
        var e = Vector256.Exp(Vector256.Abs(z) * -2f);
        return Vector256.CopySign((Vector256<float>.One - e) / (Vector256<float>.One + e), z);
    }

    /// <summary>Lane-wise y = sign(z)·(1 − e)/(1 + e), e = e^(−2|z|): never overflows, absolute error ~1e-7.</summary>
    public static Vector512<float> Forward(Vector512<float> z)
    {
        var e = Vector512.Exp(Vector512.Abs(z) * -2f);
        return Vector512.CopySign((Vector512<float>.One - e) / (Vector512<float>.One + e), z);
    }

    /// <summary>dZ = dY · (1 − y²), from the output y.</summary>
    public static float Backward(float y, float dy) => dy * (1f - (y * y));
    /// <summary>Lane-wise dZ = dY · (1 − y²), from the output y.</summary>
    public static Vector128<float> Backward(Vector128<float> y, Vector128<float> dy) => dy * (Vector128<float>.One - (y * y));
    /// <summary>Lane-wise dZ = dY · (1 − y²), from the output y.</summary>
    public static Vector256<float> Backward(Vector256<float> y, Vector256<float> dy) => dy * (Vector256<float>.One - (y * y));
    /// <summary>Lane-wise dZ = dY · (1 − y²), from the output y.</summary>
    public static Vector512<float> Backward(Vector512<float> y, Vector512<float> dy) => dy * (Vector512<float>.One - (y * y));
}
