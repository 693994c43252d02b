using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// Fused activation kernels over row-major [rows, cols] buffers, generic over an <see cref="IActivation"/> struct so
/// the JIT specializes and inlines one loop per activation. Each loop walks Vector512, then Vector256, Vector128 and
/// scalar tails, so every length is handled and every ISA path is used.
/// </summary>
public static unsafe class ActivationKernels
{
    /// <summary>In place: x[i, j] = f(x[i, j] + bias[j]) for x of shape [rows, cols], bias of length cols (run right after the GEMM).</summary>
    /// <exception cref="ArgumentException">x shorter than rows·cols or bias length ≠ cols.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BiasActivation<TAct>(Span<float> x, int rows, int cols, ReadOnlySpan<float> bias)
        where TAct : struct, IActivation
    {
        KernelArgs.Shape(x.Length, rows, cols, "x");
        if (bias.Length != cols) throw new ArgumentException($"bias has length {bias.Length}, expected cols = {cols}.", nameof(bias));
        fixed (float* px = x, pb = bias)
        {
            for (int i = 0; i < rows; i++)
            {
                float* row = px + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                    for (; j + 16 <= cols; j += 16)
                        TAct.Forward(Vector512.Load(row + j) + Vector512.Load(pb + j)).Store(row + j);
                if (Vector256.IsHardwareAccelerated)
                    for (; j + 8 <= cols; j += 8)
                        TAct.Forward(Vector256.Load(row + j) + Vector256.Load(pb + j)).Store(row + j);
                if (Vector128.IsHardwareAccelerated)
                    for (; j + 4 <= cols; j += 4)
                        TAct.Forward(Vector128.Load(row + j) + Vector128.Load(pb + j)).Store(row + j);
                for (; j < cols; j++) row[j] = TAct.Forward(row[j] + pb[j]);
            }
        }
    }

    /// <summary>
    /// z[i, j] += bias[j] in place, and y[i, j] = f(z[i, j]) (for activations whose backward needs the
    /// pre-activation: one pass keeps both). Shapes: z and y [rows, cols], bias [cols]; y must not overlap z.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BiasActivation<TAct>(Span<float> z, int rows, int cols, ReadOnlySpan<float> bias, Span<float> y)
        where TAct : struct, IActivation
    {
        KernelArgs.Shape(z.Length, rows, cols, "z");
        KernelArgs.Shape(y.Length, rows, cols, "y");
        if (bias.Length != cols) throw new ArgumentException($"bias has length {bias.Length}, expected cols = {cols}.", nameof(bias));
        fixed (float* pz = z, pb = bias, py = y)
        {
            for (int i = 0; i < rows; i++)
            {
                float* zr = pz + ((nint)i * cols);
                float* yr = py + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var v = Vector512.Load(zr + j) + Vector512.Load(pb + j);
                        v.Store(zr + j);
                        TAct.Forward(v).Store(yr + j);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var v = Vector256.Load(zr + j) + Vector256.Load(pb + j);
                        v.Store(zr + j);
                        TAct.Forward(v).Store(yr + j);
                    }
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    for (; j + 4 <= cols; j += 4)
                    {
                        var v = Vector128.Load(zr + j) + Vector128.Load(pb + j);
                        v.Store(zr + j);
                        TAct.Forward(v).Store(yr + j);
                    }
                }
                for (; j < cols; j++)
                {
                    float v = zr[j] + pb[j];
                    zr[j] = v;
                    yr[j] = TAct.Forward(v);
                }
            }
        }
    }

    /// <summary>y[i] = f(z[i]) elementwise (y may be z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TAct>(ReadOnlySpan<float> z, Span<float> y) where TAct : struct, IActivation
    {
        if (y.Length != z.Length) throw new ArgumentException($"y has length {y.Length}, z has {z.Length}.", nameof(y));
        fixed (float* pz = z, py = y)
        {
            int n = z.Length, j = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; j + 16 <= n; j += 16) TAct.Forward(Vector512.Load(pz + j)).Store(py + j);
            if (Vector256.IsHardwareAccelerated)
                for (; j + 8 <= n; j += 8) TAct.Forward(Vector256.Load(pz + j)).Store(py + j);
            if (Vector128.IsHardwareAccelerated)
                for (; j + 4 <= n; j += 4) TAct.Forward(Vector128.Load(pz + j)).Store(py + j);
            for (; j < n; j++) py[j] = TAct.Forward(pz[j]);
        }
    }

    /// <summary>
    /// In place over dY: dZ[i, j] = dY[i, j] · f'(·) evaluated from the saved y[i, j] (the output, or the
    /// pre-activation when TAct.BackwardFromInput), and in the same pass
    /// biasGrad[j] += Σ_i dZ[i, j] (accumulated row by row, i ascending, so the result is deterministic).
    /// Shapes: y and dY [rows, cols], biasGrad [cols].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ActivationBackwardWithBiasGrad<TAct>(
        ReadOnlySpan<float> y, Span<float> dy, int rows, int cols, Span<float> biasGrad)
        where TAct : struct, IActivation
    {
        KernelArgs.Shape(y.Length, rows, cols, "y");
        KernelArgs.Shape(dy.Length, rows, cols, "dy");
        if (biasGrad.Length != cols) throw new ArgumentException($"biasGrad has length {biasGrad.Length}, expected cols = {cols}.", nameof(biasGrad));
        fixed (float* py = y, pd = dy, pg = biasGrad)
        {
            for (int i = 0; i < rows; i++)
            {
                float* yr = py + ((nint)i * cols);
                float* dr = pd + ((nint)i * cols);
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= cols; j += 16)
                    {
                        var dz = TAct.Backward(Vector512.Load(yr + j), Vector512.Load(dr + j));
                        dz.Store(dr + j);
                        (Vector512.Load(pg + j) + dz).Store(pg + j);
                    }
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; j + 8 <= cols; j += 8)
                    {
                        var dz = TAct.Backward(Vector256.Load(yr + j), Vector256.Load(dr + j));
                        dz.Store(dr + j);
                        (Vector256.Load(pg + j) + dz).Store(pg + j);
                    }
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    for (; j + 4 <= cols; j += 4)
                    {
                        var dz = TAct.Backward(Vector128.Load(yr + j), Vector128.Load(dr + j));
                        dz.Store(dr + j);
                        (Vector128.Load(pg + j) + dz).Store(pg + j);
                    }
                }
                for (; j < cols; j++)
                {
                    float dz = TAct.Backward(yr[j], dr[j]);
                    dr[j] = dz;
                    pg[j] += dz;
                }
            }
        }
    }

    /// <summary>dz[i] = dy[i] · f'(·) from the saved y[i] (output, or pre-activation when TAct.BackwardFromInput; dz may be dy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TAct>(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz) where TAct : struct, IActivation
    {
        if (dy.Length != y.Length || dz.Length != y.Length)
            throw new ArgumentException($"lengths differ: y {y.Length}, dy {dy.Length}, dz {dz.Length}.", nameof(dz));
        fixed (float* py = y, pd = dy, pz = dz)
        {
            int n = y.Length, j = 0;
            if (Vector512.IsHardwareAccelerated)
                for (; j + 16 <= n; j += 16) TAct.Backward(Vector512.Load(py + j), Vector512.Load(pd + j)).Store(pz + j);
            if (Vector256.IsHardwareAccelerated)
                for (; j + 8 <= n; j += 8) TAct.Backward(Vector256.Load(py + j), Vector256.Load(pd + j)).Store(pz + j);
            if (Vector128.IsHardwareAccelerated)
                for (; j + 4 <= n; j += 4) TAct.Backward(Vector128.Load(py + j), Vector128.Load(pd + j)).Store(pz + j);
            for (; j < n; j++) pz[j] = TAct.Backward(py[j], pd[j]);
        }
    }
}
