using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Logistic sigmoid: y = 1 / (1 + e^{-z}), dZ = dY · y · (1 − y) from the output.
/// For z → −∞, e^{-z} overflows to +∞ and y correctly becomes 0; NaN propagates.
/// </summary>
public readonly struct Sigmoid : IActivation
{
    /// <summary>y = 1 / (1 + e^(−z)) with MathF.Exp: exactly 0 once e^(−z) overflows, → 1 for z ≫ 0.</summary>
    public static float Forward(float z) => 1f / (1f + MathF.Exp(-z));
    /// <summary>Lane-wise y = 1 / (1 + e^(−z)) with the vector exp; same limits as the scalar form.</summary>
    public static Vector128<float> Forward(Vector128<float> z) => Vector128<float>.One / (Vector128<float>.One + Vector128.Exp(-z));
    /// <summary>Lane-wise y = 1 / (1 + e^(−z)) with the vector exp; same limits as the scalar form.</summary>
    public static Vector256<float> Forward(Vector256<float> z) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-z));
    /// <summary>Lane-wise y = 1 / (1 + e^(−z)) with the vector exp; same limits as the scalar form.</summary>
    public static Vector512<float> Forward(Vector512<float> z) => Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-z));

    /// <summary>dZ = dY · y · (1 − y), from the output y.</summary>
    public static float Backward(float y, float dy) => dy * y * (1f - y);
    /// <summary>Lane-wise dZ = dY · y · (1 − y), from the output y.</summary>
    public static Vector128<float> Backward(Vector128<float> y, Vector128<float> dy) => dy * y * (Vector128<float>.One - y);
    /// <summary>Lane-wise dZ = dY · y · (1 − y), from the output y.</summary>
    public static Vector256<float> Backward(Vector256<float> y, Vector256<float> dy) => dy * y * (Vector256<float>.One - y);
    /// <summary>Lane-wise dZ = dY · y · (1 − y), from the output y.</summary>
    public static Vector512<float> Backward(Vector512<float> y, Vector512<float> dy) => dy * y * (Vector512<float>.One - y);
}
