using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Leaky ReLU with PyTorch's default slope s = 0.01 (the fused plan compiles only that slope, since an operator
/// struct carries no state): f(z) = z for z &gt; 0, s·z otherwise; f' = 1 or s (s at 0, as PyTorch). From the
/// output: y &gt; 0 ⇔ z &gt; 0. NaN propagates (the comparison is false, and s·NaN is NaN).
/// </summary>
public readonly struct LeakyRelu : IActivation
{
    /// <summary>PyTorch's default negative slope.</summary>
    public const float Slope = 0.01f;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>y = z for z &gt; 0, else <see cref="Slope"/>·z (one lane of the 128-bit form).</summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>
    /// dZ = dY where the output y (<paramref name="saved"/>) &gt; 0, else <see cref="Slope"/>·dY (one lane of the
    /// 128-bit form).
    /// </summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>Lane-wise y = z for z &gt; 0, else <see cref="Slope"/>·z; NaN lanes stay NaN.</summary>
    public static Vector512<float> Forward(Vector512<float> z) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * Slope);

    /// <summary>Lane-wise y = z for z &gt; 0, else <see cref="Slope"/>·z; NaN lanes stay NaN.</summary>
    public static Vector256<float> Forward(Vector256<float> z) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * Slope);

    /// <summary>Lane-wise y = z for z &gt; 0, else <see cref="Slope"/>·z; NaN lanes stay NaN.</summary>
    public static Vector128<float> Forward(Vector128<float> z) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * Slope);

    /// <summary>Lane-wise dZ = dY where the output y &gt; 0 (⇔ z &gt; 0), else <see cref="Slope"/>·dY.</summary>
    public static Vector512<float> Backward(Vector512<float> y, Vector512<float> dy) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), dy, dy * Slope);

    /// <summary>Lane-wise dZ = dY where the output y &gt; 0 (⇔ z &gt; 0), else <see cref="Slope"/>·dY.</summary>
    public static Vector256<float> Backward(Vector256<float> y, Vector256<float> dy) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), dy, dy * Slope);

    /// <summary>Lane-wise dZ = dY where the output y &gt; 0 (⇔ z &gt; 0), else <see cref="Slope"/>·dY.</summary>
    public static Vector128<float> Backward(Vector128<float> y, Vector128<float> dy) => Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128<float>.Zero), dy, dy * Slope);
}
