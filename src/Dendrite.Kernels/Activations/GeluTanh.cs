using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// GELU, tanh approximation (PyTorch's approximate='tanh'): f(z) = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³);
/// f'(z) = ½(1 + tanh u) + ½z·sech²u·√(2/π)(1 + 3·0.044715z²).
/// With e = e^(−2|u|) ∈ [0, 1]: ½(1 + tanh u) = 1/(1 + e) for u ≥ 0 and e/(1 + e) below (a stable logistic of 2u),
/// and sech²u = 4e/(1 + e)², neither of which cancels (1 − tanh²u would, once |tanh u| nears 1). Where e = 0 the
/// slope is exactly ½(1 + tanh u), chosen explicitly so z·0·∞ cannot make NaN for huge |z|.
/// </summary>
public readonly struct GeluTanh : IActivation
{
    private const float SqrtTwoOverPi = 0.7978845608028654f;
    private const float Cubic = 0.044715f;

    /// <summary>True: Backward reads z; like exact GELU this is not monotonic, so y does not determine z.</summary>
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>y = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³) (one lane of the 128-bit form).</summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>dZ = dY · f'(z) (formula above), from the pre-activation z (<paramref name="saved"/>).</summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>
    /// Lane-wise y = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³), with ½(1 + tanh u) as the stable logistic of 2u.
    /// </summary>
    public static Vector512<float> Forward(Vector512<float> z) => z * Half(z, out _);

    /// <summary>
    /// Lane-wise y = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³), with ½(1 + tanh u) as the stable logistic of 2u.
    /// </summary>
    public static Vector256<float> Forward(Vector256<float> z) => z * Half(z, out _);

    /// <summary>
    /// Lane-wise y = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³), with ½(1 + tanh u) as the stable logistic of 2u.
    /// </summary>
    public static Vector128<float> Forward(Vector128<float> z) => z * Half(z, out _);

    /// <summary>
    /// Lane-wise dZ = dY · f'(z) (formula above), from the pre-activation z; where sech²u underflows to 0 the slope is
    /// ½(1 + tanh u) exactly, so huge |z| cannot give z·0·∞ = NaN.
    /// </summary>
    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
    {
        var half = Half(z, out var sech2);
        var du = Vector512.Create(SqrtTwoOverPi) * (Vector512<float>.One + (Vector512.Create(3f * Cubic) * z * z));
        var slope = half + (Vector512.Create(0.5f) * z * sech2 * du);
        return dy * Vector512.ConditionalSelect(Vector512.Equals(sech2, Vector512<float>.Zero), half, slope);
    }

    /// <summary>
    /// Lane-wise dZ = dY · f'(z) (formula above), from the pre-activation z; where sech²u underflows to 0 the slope is
    /// ½(1 + tanh u) exactly, so huge |z| cannot give z·0·∞ = NaN.
    /// </summary>
    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
    {
        var half = Half(z, out var sech2);
        var du = Vector256.Create(SqrtTwoOverPi) * (Vector256<float>.One + (Vector256.Create(3f * Cubic) * z * z));
        var slope = half + (Vector256.Create(0.5f) * z * sech2 * du);
        return dy * Vector256.ConditionalSelect(Vector256.Equals(sech2, Vector256<float>.Zero), half, slope);
    }

    /// <summary>
    /// Lane-wise dZ = dY · f'(z) (formula above), from the pre-activation z; where sech²u underflows to 0 the slope is
    /// ½(1 + tanh u) exactly, so huge |z| cannot give z·0·∞ = NaN.
    /// </summary>
    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
    {
        var half = Half(z, out var sech2);
        var du = Vector128.Create(SqrtTwoOverPi) * (Vector128<float>.One + (Vector128.Create(3f * Cubic) * z * z));
        var slope = half + (Vector128.Create(0.5f) * z * sech2 * du);
        return dy * Vector128.ConditionalSelect(Vector128.Equals(sech2, Vector128<float>.Zero), half, slope);
    }

    /// <summary>½(1 + tanh u) and sech²u for u = √(2/π)(z + 0.044715z³).</summary>
    private static Vector512<float> Half(Vector512<float> z, out Vector512<float> sech2)
    {
        var u = Vector512.Create(SqrtTwoOverPi) * (z + (Vector512.Create(Cubic) * z * z * z));
        var e = Vector512.Exp(Vector512.Abs(u) * -2f);
        var r = Vector512<float>.One / (Vector512<float>.One + e);
        sech2 = Vector512.Create(4f) * e * r * r;
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(u, Vector512<float>.Zero), r, e * r);
    }

    /// <summary>½(1 + tanh u) and sech²u for u = √(2/π)(z + 0.044715z³).</summary>
    private static Vector256<float> Half(Vector256<float> z, out Vector256<float> sech2)
    {
        var u = Vector256.Create(SqrtTwoOverPi) * (z + (Vector256.Create(Cubic) * z * z * z));
        var e = Vector256.Exp(Vector256.Abs(u) * -2f);
        var r = Vector256<float>.One / (Vector256<float>.One + e);
        sech2 = Vector256.Create(4f) * e * r * r;
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(u, Vector256<float>.Zero), r, e * r);
    }

    /// <summary>½(1 + tanh u) and sech²u for u = √(2/π)(z + 0.044715z³).</summary>
    private static Vector128<float> Half(Vector128<float> z, out Vector128<float> sech2)
    {
        var u = Vector128.Create(SqrtTwoOverPi) * (z + (Vector128.Create(Cubic) * z * z * z));
        var e = Vector128.Exp(Vector128.Abs(u) * -2f);
        var r = Vector128<float>.One / (Vector128<float>.One + e);
        sech2 = Vector128.Create(4f) * e * r * r;
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(u, Vector128<float>.Zero), r, e * r);
    }
}
