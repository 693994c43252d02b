using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>f(z) = z, f' = 1: turns the fused kernels into plain bias-add and bias-gradient (output layers).</summary>
public readonly struct Identity : IActivation
{
    public static float Forward(float z) => z;
    public static Vector128<float> Forward(Vector128<float> z) => z;
    public static Vector256<float> Forward(Vector256<float> z) => z;
    public static Vector512<float> Forward(Vector512<float> z) => z;

    public static float Backward(float y, float dy) => dy;
    public static Vector128<float> Backward(Vector128<float> y, Vector128<float> dy) => dy;
    public static Vector256<float> Backward(Vector256<float> y, Vector256<float> dy) => dy;
    public static Vector512<float> Backward(Vector512<float> y, Vector512<float> dy) => dy;
}
