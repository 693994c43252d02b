using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Dendrite.Kernels.Activations;

namespace Dendrite.Kernels.Normalization;

/// <summary>
/// Batch normalization over row-major x [rows, cols] (statistics per column), fused with the activation that
/// follows it, for training plans that need no autograd graph. The arithmetic mirrors the autograd op
/// (F.BatchNorm): statistics and gradient sums in double, accumulated row by row with i ascending, so every column
/// is a deterministic sequence of the same double operations whichever vector width processes it (vectors run
/// across columns, never along the summation).
/// <para>Forward: μⱼ, σ²ⱼ (<see cref="ColumnMoments"/>), x̂ = (x − μ)·s with s = 1/√(σ² + ε), y = f(γ·x̂ + β)
/// (<see cref="NormalizeAffineActivation{TAct}"/>). Backward: with g = dA = dY ⊙ f'(γx̂ + β),
/// Σg and Σg·x̂ (<see cref="AffineActivationBackward{TAct}"/>; dβ = Σg, dγ = Σg·x̂), then
/// dx = γ·s·(g − Σg/n − x̂·Σg·x̂/n) (<see cref="InputGrad"/>).</para>
/// </summary>
public static unsafe class BatchNormKernels
{
    /// <summary>
    /// mean[j] = Σᵢ x[i, j] / rows and m2[j] = Σᵢ (x[i, j] − mean[j])², both in double (two passes: a one-pass
    /// E[x²] − E[x]² cancels when |mean| ≫ std). The biased variance is m2/rows, the unbiased m2/(rows − 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColumnMoments(ReadOnlySpan<float> x, int rows, int cols, Span<double> mean, Span<double> m2)
    {
        KernelArgs.Shape(x.Length, rows, cols, "x");
        KernelArgs.Columns(mean.Length, cols, nameof(mean));
        KernelArgs.Columns(m2.Length, cols, nameof(m2));
        mean[..cols].Clear();
        m2[..cols].Clear();
        fixed (float* px = x)
        fixed (double* pm = mean, pq = m2)
        {
            for (int i = 0; i < rows; i++)
            {
                float* r = px + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var v = Vector512.Load(r + j);
                        (Vector512.Load(pm + j) + Vector512.WidenLower(v)).Store(pm + j);
                        (Vector512.Load(pm + j + 8) + Vector512.WidenUpper(v)).Store(pm + j + 8);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var v = Vector256.Load(r + j);
                        (Vector256.Load(pm + j) + Vector256.WidenLower(v)).Store(pm + j);
                        (Vector256.Load(pm + j + 4) + Vector256.WidenUpper(v)).Store(pm + j + 4);
                    }
                }
                for (; j < cols; j++) pm[j] += r[j];
            }
            for (int j = 0; j < cols; j++) pm[j] /= rows;
            for (int i = 0; i < rows; i++)
            {
                float* r = px + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var v = Vector512.Load(r + j);
                        var d0 = Vector512.WidenLower(v) - Vector512.Load(pm + j);
                        var d1 = Vector512.WidenUpper(v) - Vector512.Load(pm + j + 8);
                        (Vector512.Load(pq + j) + (d0 * d0)).Store(pq + j);
                        (Vector512.Load(pq + j + 8) + (d1 * d1)).Store(pq + j + 8);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var v = Vector256.Load(r + j);
                        var d0 = Vector256.WidenLower(v) - Vector256.Load(pm + j);
                        var d1 = Vector256.WidenUpper(v) - Vector256.Load(pm + j + 4);
                        (Vector256.Load(pq + j) + (d0 * d0)).Store(pq + j);
                        (Vector256.Load(pq + j + 4) + (d1 * d1)).Store(pq + j + 4);
                    }
                }
                for (; j < cols; j++)
                {
                    double d = r[j] - pm[j];
                    pq[j] += d * d;
                }
            }
        }
    }

    /// <summary>
    /// In place x → x̂ = (x − mean)·invStd, and y = f(γ·x̂ + β), all float, per column j. Shapes: x, y [rows, cols];
    /// mean, invStd, gamma, beta [cols]. y must not overlap x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormalizeAffineActivation<TAct>(Span<float> x, int rows, int cols,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y)
        where TAct : struct, IActivation
    {
        KernelArgs.Shape(x.Length, rows, cols, "x");
        KernelArgs.Shape(y.Length, rows, cols, "y");
        KernelArgs.Columns(mean.Length, cols, nameof(mean));
        KernelArgs.Columns(invStd.Length, cols, nameof(invStd));
        KernelArgs.Columns(gamma.Length, cols, nameof(gamma));
        KernelArgs.Columns(beta.Length, cols, nameof(beta));
        fixed (float* px = x, py = y, pm = mean, ps = invStd, pg = gamma, pb = beta)
        {
            for (int i = 0; i < rows; i++)
            {
                float* xr = px + ((nint)i * cols);
                float* yr = py + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var h = (Vector512.Load(xr + j) - Vector512.Load(pm + j)) * Vector512.Load(ps + j);
                        h.Store(xr + j);
                        TAct.Forward((Vector512.Load(pg + j) * h) + Vector512.Load(pb + j)).Store(yr + j);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var h = (Vector256.Load(xr + j) - Vector256.Load(pm + j)) * Vector256.Load(ps + j);
                        h.Store(xr + j);
                        TAct.Forward((Vector256.Load(pg + j) * h) + Vector256.Load(pb + j)).Store(yr + j);
                    }
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    for (; j + 4 <= cols; j += 4)
                    {
                        var h = (Vector128.Load(xr + j) - Vector128.Load(pm + j)) * Vector128.Load(ps + j);
                        h.Store(xr + j);
                        TAct.Forward((Vector128.Load(pg + j) * h) + Vector128.Load(pb + j)).Store(yr + j);
                    }
                }
                for (; j < cols; j++)
                {
                    float h = (xr[j] - pm[j]) * ps[j];
                    xr[j] = h;
                    yr[j] = TAct.Forward((pg[j] * h) + pb[j]);
                }
            }
        }
    }

    /// <summary>
    /// In place dY → g = dY ⊙ f'(a) with a = γ·x̂ + β (recomputed, the same float operations as forward) when
    /// TAct.BackwardFromInput, else from the saved output y; and sumG[j] = Σᵢ g, sumGx[j] = Σᵢ g·x̂ in double
    /// (overwritten), which are dβ and dγ. Shapes: xHat, y, dy [rows, cols]; gamma, beta, sums [cols].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AffineActivationBackward<TAct>(ReadOnlySpan<float> xHat, ReadOnlySpan<float> y, Span<float> dy, int rows, int cols,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<double> sumG, Span<double> sumGx)
        where TAct : struct, IActivation
    {
        KernelArgs.Shape(xHat.Length, rows, cols, "xHat");
        KernelArgs.Shape(y.Length, rows, cols, "y");
        KernelArgs.Shape(dy.Length, rows, cols, "dy");
        KernelArgs.Columns(gamma.Length, cols, nameof(gamma));
        KernelArgs.Columns(beta.Length, cols, nameof(beta));
        KernelArgs.Columns(sumG.Length, cols, nameof(sumG));
        KernelArgs.Columns(sumGx.Length, cols, nameof(sumGx));
        sumG[..cols].Clear();
        sumGx[..cols].Clear();
        fixed (float* ph = xHat, py = y, pd = dy, pg = gamma, pb = beta)
        fixed (double* sg = sumG, sx = sumGx)
        {
            for (int i = 0; i < rows; i++)
            {
                float* hr = ph + ((nint)i * cols);
                float* yr = py + ((nint)i * cols);
                float* dr = pd + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var h = Vector512.Load(hr + j);
                        var saved = TAct.BackwardFromInput ? (Vector512.Load(pg + j) * h) + Vector512.Load(pb + j) : Vector512.Load(yr + j);
                        var g = TAct.Backward(saved, Vector512.Load(dr + j));
                        g.Store(dr + j);
                        var g0 = Vector512.WidenLower(g);
                        var g1 = Vector512.WidenUpper(g);
                        (Vector512.Load(sg + j) + g0).Store(sg + j);
                        (Vector512.Load(sg + j + 8) + g1).Store(sg + j + 8);
                        (Vector512.Load(sx + j) + (g0 * Vector512.WidenLower(h))).Store(sx + j);
                        (Vector512.Load(sx + j + 8) + (g1 * Vector512.WidenUpper(h))).Store(sx + j + 8);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var h = Vector256.Load(hr + j);
                        var saved = TAct.BackwardFromInput ? (Vector256.Load(pg + j) * h) + Vector256.Load(pb + j) : Vector256.Load(yr + j);
                        var g = TAct.Backward(saved, Vector256.Load(dr + j));
                        g.Store(dr + j);
                        var g0 = Vector256.WidenLower(g);
                        var g1 = Vector256.WidenUpper(g);
                        (Vector256.Load(sg + j) + g0).Store(sg + j);
                        (Vector256.Load(sg + j + 4) + g1).Store(sg + j + 4);
                        (Vector256.Load(sx + j) + (g0 * Vector256.WidenLower(h))).Store(sx + j);
                        (Vector256.Load(sx + j + 4) + (g1 * Vector256.WidenUpper(h))).Store(sx + j + 4);
                    }
                }
                for (; j < cols; j++)
                {
                    float h = hr[j];
                    float g = TAct.Backward(TAct.BackwardFromInput ? (pg[j] * h) + pb[j] : yr[j], dr[j]);
                    dr[j] = g;
                    sg[j] += g;
                    sx[j] += (double)g * h;
                }
            }
        }
    }

    /// <summary>
    /// In place g → dx = scale[j]·(float)(g − meanG[j] − x̂·meanGx[j]) with the bracket in double (meanG = Σg/n,
    /// meanGx = Σg·x̂/n; scale = γ·invStd), and biasGrad[j] = Σᵢ dx (float, i ascending, overwritten): the
    /// gradient of a Linear bias feeding the normalization (zero in exact arithmetic; this is what rounding leaves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputGrad(Span<float> g, ReadOnlySpan<float> xHat, int rows, int cols, ReadOnlySpan<float> scale,
        ReadOnlySpan<double> meanG, ReadOnlySpan<double> meanGx, Span<float> biasGrad)
    {
        KernelArgs.Shape(g.Length, rows, cols, "g");
        KernelArgs.Shape(xHat.Length, rows, cols, "xHat");
        KernelArgs.Columns(scale.Length, cols, nameof(scale));
        KernelArgs.Columns(meanG.Length, cols, nameof(meanG));
        KernelArgs.Columns(meanGx.Length, cols, nameof(meanGx));
        bool withBias = !biasGrad.IsEmpty;
        if (withBias)
        {
            KernelArgs.Columns(biasGrad.Length, cols, nameof(biasGrad));
            biasGrad[..cols].Clear();
        }
        fixed (float* pg = g, ph = xHat, ps = scale, pbg = biasGrad)
        fixed (double* mg = meanG, mx = meanGx)
        {
            for (int i = 0; i < rows; i++)
            {
                float* gr = pg + ((nint)i * cols);
                float* hr = ph + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var gv = Vector512.Load(gr + j);
                        var h = Vector512.Load(hr + j);
                        var b0 = Vector512.WidenLower(gv) - Vector512.Load(mg + j) - (Vector512.WidenLower(h) * Vector512.Load(mx + j));
                        var b1 = Vector512.WidenUpper(gv) - Vector512.Load(mg + j + 8) - (Vector512.WidenUpper(h) * Vector512.Load(mx + j + 8));
                        var dx = Vector512.Load(ps + j) * Vector512.Narrow(b0, b1);
                        dx.Store(gr + j);
                        if (withBias) (Vector512.Load(pbg + j) + dx).Store(pbg + j);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var gv = Vector256.Load(gr + j);
                        var h = Vector256.Load(hr + j);
                        var b0 = Vector256.WidenLower(gv) - Vector256.Load(mg + j) - (Vector256.WidenLower(h) * Vector256.Load(mx + j));
                        var b1 = Vector256.WidenUpper(gv) - Vector256.Load(mg + j + 4) - (Vector256.WidenUpper(h) * Vector256.Load(mx + j + 4));
                        var dx = Vector256.Load(ps + j) * Vector256.Narrow(b0, b1);
                        dx.Store(gr + j);
                        if (withBias) (Vector256.Load(pbg + j) + dx).Store(pbg + j);
                    }
                }
                for (; j < cols; j++)
                {
                    float dx = ps[j] * (float)(gr[j] - mg[j] - ((double)hr[j] * mx[j]));
                    gr[j] = dx;
                    if (withBias) pbg[j] += dx;
                }
            }
        }
    }
}
