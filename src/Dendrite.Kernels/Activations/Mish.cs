using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Mish: f(z) = z·tanh(softplus z), f'(z) = t + z·sech²(softplus z)·σ(z) with t = tanh(softplus z).
/// With q = eᶻ and n = q(q + 2): t = n/(n + 2) and sech² = (4n + 4)/(n + 2)², exact identities that need one exp
/// and never cancel. Above z = 20, t is 1 in float (and q² would overflow past 44), so f = z and f' = 1 there.
/// </summary>
public readonly struct Mish : IActivation
{
    private const float Linear = 20f;

    /// <summary>
    /// True: Backward reads z; Mish is not monotonic (minimum near z ≈ −1.19), so y does not determine z.
    /// </summary>
    public static bool BackwardFromInput => true;

    // Scalars run the 128-bit formula on one lane, so a row's tail matches its vector body exactly.
    /// <summary>y = z·tanh(softplus z) (one lane of the 128-bit form).</summary>
    public static float Forward(float z) => Forward(Vector128.CreateScalar(z)).ToScalar();
    /// <summary>
    /// dZ = dY · (t + z·sech²(softplus z)·σ(z)), t = tanh(softplus z), from the pre-activation z
    /// (<paramref name="saved"/>).
    /// </summary>
    public static float Backward(float saved, float dy) => Backward(Vector128.CreateScalar(saved), Vector128.CreateScalar(dy)).ToScalar();

    /// <summary>Lane-wise y = z·n/(n + 2), n = q(q + 2), q = eᶻ (= z·tanh(softplus z)); y = z for z &gt; 20.</summary>
    public static Vector512<float> Forward(Vector512<float> z)
    {
        var q = Vector512.Exp(Vector512.Min(z, Vector512.Create(Linear)));
        var n = q * (q + Vector512.Create(2f));
        var t = n / (n + Vector512.Create(2f));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(Linear)), z, z * t);
    }

    /// <summary>Lane-wise y = z·n/(n + 2), n = q(q + 2), q = eᶻ (= z·tanh(softplus z)); y = z for z &gt; 20.</summary>
    public static Vector256<float> Forward(Vector256<float> z)
    {
        var q = Vector256.Exp(Vector256.Min(z, Vector256.Create(Linear)));
        var n = q * (q + Vector256.Create(2f));
        var t = n / (n + Vector256.Create(2f));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256.Create(Linear)), z, z * t);
    }

    /// <summary>Lane-wise y = z·n/(n + 2), n = q(q + 2), q = eᶻ (= z·tanh(softplus z)); y = z for z &gt; 20.</summary>
    public static Vector128<float> Forward(Vector128<float> z)
    {
        var q = Vector128.Exp(Vector128.Min(z, Vector128.Create(Linear)));
        var n = q * (q + Vector128.Create(2f));
        var t = n / (n + Vector128.Create(2f));
        return Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128.Create(Linear)), z, z * t);
    }

    /// <summary>
    /// Lane-wise dZ = dY · (t + z·sech²(softplus z)·σ(z)), from the pre-activation z, with t, sech² and σ = q/(1 + q)
    /// all from q = eᶻ; dZ = dY for z &gt; 20.
    /// </summary>
    public static Vector512<float> Backward(Vector512<float> z, Vector512<float> dy)
    {
        var q = Vector512.Exp(Vector512.Min(z, Vector512.Create(Linear)));
        var n = q * (q + Vector512.Create(2f));
        var d = n + Vector512.Create(2f);
        var t = n / d;
        var sech2 = ((Vector512.Create(4f) * n) + Vector512.Create(4f)) / (d * d);
        var sigma = q / (Vector512<float>.One + q);
        var slope = t + (z * sech2 * sigma);
        return dy * Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(Linear)), Vector512<float>.One, slope);
    }

    /// <summary>
    /// Lane-wise dZ = dY · (t + z·sech²(softplus z)·σ(z)), from the pre-activation z, with t, sech² and σ = q/(1 + q)
    /// all from q = eᶻ; dZ = dY for z &gt; 20.
    /// </summary>
    public static Vector256<float> Backward(Vector256<float> z, Vector256<float> dy)
    {
        var q = Vector256.Exp(Vector256.Min(z, Vector256.Create(Linear)));
        var n = q * (q + Vector256.Create(2f));
        var d = n + Vector256.Create(2f);
        var t = n / d;
        var sech2 = ((Vector256.Create(4f) * n) + Vector256.Create(4f)) / (d * d);
        var sigma = q / (Vector256<float>.One + q);
        var slope = t + (z * sech2 * sigma);
        return dy * Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256.Create(Linear)), Vector256<float>.One, slope);
    }

    /// <summary>
    /// Lane-wise dZ = dY · (t + z·sech²(softplus z)·σ(z)), from the pre-activation z, with t, sech² and σ = q/(1 + q)
    /// all from q = eᶻ; dZ = dY for z &gt; 20.
    /// </summary>
    public static Vector128<float> Backward(Vector128<float> z, Vector128<float> dy)
    {
        var q = Vector128.Exp(Vector128.Min(z, Vector128.Create(Linear)));
        var n = q * (q + Vector128.Create(2f));
        var d = n + Vector128.Create(2f);
        var t = n / d;
        var sech2 = ((Vector128.Create(4f) * n) + Vector128.Create(4f)) / (d * d);
        var sigma = q / (Vector128<float>.One + q);
        var slope = t + (z * sech2 * sigma);
        return dy * Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128.Create(Linear)), Vector128<float>.One, slope);
    }
}
