using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>f(z) = z, f' = 1: turns the fused kernels into plain bias-add and bias-gradient (output layers).</summary>
public readonly struct Identity : IActivation
{
    /// <summary>y = z.</summary>
    public static float Forward(float z) => z;
    /// <summary>y = z in every lane (the vector is returned unchanged).</summary>
    public static Vector128<float> Forward(Vector128<float> z) => z;
    /// <summary>y = z in every lane (the vector is returned unchanged).</summary>
    public static Vector256<float> Forward(Vector256<float> z) => z;
    /// <summary>y = z in every lane (the vector is returned unchanged).</summary>
    public static Vector512<float> Forward(Vector512<float> z) => z;

    /// <summary>dZ = dY, since f' = 1; <paramref name="y"/> is not read.</summary>
    public static float Backward(float y, float dy) => dy;
    /// <summary>dZ = dY in every lane, since f' = 1; <paramref name="y"/> is not read.</summary>
    public static Vector128<float> Backward(Vector128<float> y, Vector128<float> dy) => dy;
    /// <summary>dZ = dY in every lane, since f' = 1; <paramref name="y"/> is not read.</summary>
    public static Vector256<float> Backward(Vector256<float> y, Vector256<float> dy) => dy;
    /// <summary>dZ = dY in every lane, since f' = 1; <paramref name="y"/> is not read.</summary>
    public static Vector512<float> Backward(Vector512<float> y, Vector512<float> dy) => dy;
}
