using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Exact GELU (PyTorch's default, approximate='none'): f(z) = z·Φ(z), f'(z) = Φ(z) + z·φ(z), with Φ and φ the
/// standard normal CDF and density from <see cref="VectorErf.NormalCdf(Vector512{float}, out Vector512{float})"/>
/// (one exp for both). Backward needs z: f' is not a function of y (f is not monotonic).
/// </summary>
public readonly struct Gelu : IActivation
{
    /// <summary>
    /// True: Backward reads z; GELU is not monotonic (minimum near z ≈ −0.75), so y does not determine z.
    /// </summary>
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>y = z·Φ(z) (one lane of the 128-bit form).</summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>dZ = dY · (Φ(z) + z·φ(z)), from the pre-activation z (<paramref name="saved"/>).</summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>
    /// Lane-wise y = z·Φ(z), Φ from <see cref="VectorErf.NormalCdf(Vector512{float}, out Vector512{float})"/>.
    /// </summary>
    public static Vector512<float> Forward(Vector512<float> z) => z * VectorErf.NormalCdf(z, out _);

    /// <summary>
    /// Lane-wise y = z·Φ(z), Φ from <see cref="VectorErf.NormalCdf(Vector256{float}, out Vector256{float})"/>.
    /// </summary>
    public static Vector256<float> Forward(Vector256<float> z) => z * VectorErf.NormalCdf(z, out _);

    /// <summary>
    /// Lane-wise y = z·Φ(z), Φ from <see cref="VectorErf.NormalCdf(Vector128{float}, out Vector128{float})"/>.
    /// </summary>
    public static Vector128<float> Forward(Vector128<float> z) => z * VectorErf.NormalCdf(z, out _);

    /// <summary>Lane-wise dZ = dY · (Φ(z) + z·φ(z)), from the pre-activation z; Φ and φ share one exp.</summary>
    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
    {
        var cdf = VectorErf.NormalCdf(z, out var pdf);
        return dy * (cdf + (z * pdf));
    }

    /// <summary>Lane-wise dZ = dY · (Φ(z) + z·φ(z)), from the pre-activation z; Φ and φ share one exp.</summary>
    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
    {
        var cdf = VectorErf.NormalCdf(z, out var pdf);
        return dy * (cdf + (z * pdf));
    }

    /// <summary>Lane-wise dZ = dY · (Φ(z) + z·φ(z)), from the pre-activation z; Φ and φ share one exp.</summary>
    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
    {
        var cdf = VectorErf.NormalCdf(z, out var pdf);
        return dy * (cdf + (z * pdf));
    }
}
