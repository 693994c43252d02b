using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Optim;

/// <summary>
/// The Adam/AdamW update without AMSGrad as one pass over the parameter: per element, in this order and with one
/// rounding per operation (no fused multiply-add), exactly what the step-by-step TensorPrimitives form computes:
/// p ← p·s (when s ≠ 1); m ← (g·(1−β₁)) + m·β₁; v ← ((g·(1−β₂))·g) + v·β₂; p ← (m / (√v / c₂ + ε))·(−η) + p.
/// Vector512, Vector256, Vector128, then scalar, so every length and instruction set gives the same bits.
/// </summary>
internal static unsafe class AdamKernel
{
    /// <summary>One update of <paramref name="param"/> and its moments in place (see the type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq,
        float paramScale, float beta1, float beta2, float correction2Sqrt, float epsilon, float stepSize)
    {
        int n = param.Length, i = 0;
        float w1 = 1f - beta1, w2 = 1f - beta2, negStep = -stepSize;
        bool scale = paramScale != 1f;
        fixed (float* p = param, g = grad, m = expAvg, v = expAvgSq)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<float> vs = Vector512.Create(paramScale), b1 = Vector512.Create(beta1), b2 = Vector512.Create(beta2),
                    vw1 = Vector512.Create(w1), vw2 = Vector512.Create(w2), c2 = Vector512.Create(correction2Sqrt),
                    eps = Vector512.Create(epsilon), ns = Vector512.Create(negStep);
                for (; i + 16 <= n; i += 16)
                {
                    var gi = Vector512.Load(g + i);
                    var pi = Vector512.Load(p + i);
                    if (scale) pi *= vs;
                    var mi = (gi * vw1) + (Vector512.Load(m + i) * b1);
                    var vi = (gi * vw2 * gi) + (Vector512.Load(v + i) * b2);
                    mi.Store(m + i);
                    vi.Store(v + i);
                    ((mi / ((Vector512.Sqrt(vi) / c2) + eps) * ns) + pi).Store(p + i);
                }
            }
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> vs = Vector256.Create(paramScale), b1 = Vector256.Create(beta1), b2 = Vector256.Create(beta2),
                    vw1 = Vector256.Create(w1), vw2 = Vector256.Create(w2), c2 = Vector256.Create(correction2Sqrt),
                    eps = Vector256.Create(epsilon), ns = Vector256.Create(negStep);
                for (; i + 8 <= n; i += 8)
                {
                    var gi = Vector256.Load(g + i);
                    var pi = Vector256.Load(p + i);
                    if (scale) pi *= vs;
                    var mi = (gi * vw1) + (Vector256.Load(m + i) * b1);
                    var vi = (gi * vw2 * gi) + (Vector256.Load(v + i) * b2);
                    mi.Store(m + i);
                    vi.Store(v + i);
                    ((mi / ((Vector256.Sqrt(vi) / c2) + eps) * ns) + pi).Store(p + i);
                }
            }
            if (Vector128.IsHardwareAccelerated)
            {
                Vector128<float> vs = Vector128.Create(paramScale), b1 = Vector128.Create(beta1), b2 = Vector128.Create(beta2),
                    vw1 = Vector128.Create(w1), vw2 = Vector128.Create(w2), c2 = Vector128.Create(correction2Sqrt),
                    eps = Vector128.Create(epsilon), ns = Vector128.Create(negStep);
                for (; i + 4 <= n; i += 4)
                {
                    var gi = Vector128.Load(g + i);
                    var pi = Vector128.Load(p + i);
                    if (scale) pi *= vs;
                    var mi = (gi * vw1) + (Vector128.Load(m + i) * b1);
                    var vi = (gi * vw2 * gi) + (Vector128.Load(v + i) * b2);
                    mi.Store(m + i);
                    vi.Store(v + i);
                    ((mi / ((Vector128.Sqrt(vi) / c2) + eps) * ns) + pi).Store(p + i);
                }
            }
            for (; i < n; i++)
            {
                float gi = g[i], pi = p[i];
                if (scale) pi *= paramScale;
                float mi = (gi * w1) + (m[i] * beta1);
                float vi = (gi * w2 * gi) + (v[i] * beta2);
                m[i] = mi;
                v[i] = vi;
                p[i] = (mi / ((MathF.Sqrt(vi) / correction2Sqrt) + epsilon) * negStep) + pi;
            }
        }
    }
}
