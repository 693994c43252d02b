using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Exact GELU (PyTorch's default, approximate='none'): f(z) = z·Φ(z), f'(z) = Φ(z) + z·φ(z), with Φ and φ the
/// standard normal CDF and density from <see cref="VectorErf.NormalCdf(Vector512{float}, out Vector512{float})"/>
/// (one exp for both). Backward needs z: f' is not a function of y (f is not monotonic).
/// </summary>
public readonly struct Gelu : IActivation
{
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    public static Vector512<float> Forward(Vector512<float> z) => z * VectorErf.NormalCdf(z, out _);

    public static Vector256<float> Forward(Vector256<float> z) => z * VectorErf.NormalCdf(z, out _);

    public static Vector128<float> Forward(Vector128<float> z) => z * VectorErf.NormalCdf(z, out _);

    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
    {
        var cdf = VectorErf.NormalCdf(z, out var pdf);
        return dy * (cdf + (z * pdf));
    }

    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
    {
        var cdf = VectorErf.NormalCdf(z, out var pdf);
        return dy * (cdf + (z * pdf));
    }

    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
    {
        var cdf = VectorErf.NormalCdf(z, out var pdf);
        return dy * (cdf + (z * pdf));
    }
}
