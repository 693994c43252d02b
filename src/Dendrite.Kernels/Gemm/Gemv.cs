using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Direct path for m = 1 (batch-1 inference): c[1×n] = x[1×k] · op(B) + beta·c without packing, whose cost would
/// dominate such a small product. Summation order depends only on k and the vector width, never on threads.
/// </summary>
internal static unsafe class Gemv
{
    private static bool HardwareFma => Fma.IsSupported || AdvSimd.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> MulAdd(Vector<float> a, Vector<float> b, Vector<float> c) =>
        HardwareFma ? Vector.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, float value, float beta) =>
        *c = beta == 0f ? value : beta == 1f ? *c + value : (beta * *c) + value;

    /// <summary>x is contiguous (length k). B is k×n (No) or n×k (Yes) with leading dimension ldb.</summary>
    /// <remarks>Columns j0..j1 only, so threads can split n; every c[j] is computed the same way whatever the split.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(Transpose transB, int j0, int j1, int k, float* x, float* b, nint ldb, float beta, float* c)
    {
        if (transB == Transpose.Yes)
        {
            // One dot product per output; 512-bit loads halve the loads of this L2-bandwidth-bound loop.
            if (Vector512.IsHardwareAccelerated) RunDots512(j1 - j0, k, x, b + (j0 * ldb), ldb, beta, c + j0);
            else RunDots(j1 - j0, k, x, b + (j0 * ldb), ldb, beta, c + j0);
        }
        else
        {
            RunAxpys(j1 - j0, k, x, b + j0, ldb, beta, c + j0);
        }
    }

    /// <summary><see cref="RunDots"/> with Vector512 (the 4-row and 1-row loops do identical per-row arithmetic).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunDots512(int n, int k, float* x, float* b, nint ldb, float beta, float* c)
    {
        int kv = k & ~15;
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            float* b0 = b + (j * ldb), b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int p = 0; p < kv; p += 16)
            {
                var xv = Vector512.Load(x + p);
                s0 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(b0 + p), s0);
                s1 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(b1 + p), s1);
                s2 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(b2 + p), s2);
                s3 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(b3 + p), s3);
            }
            float t0 = Vector512.Sum(s0), t1 = Vector512.Sum(s1), t2 = Vector512.Sum(s2), t3 = Vector512.Sum(s3);
            for (int p = kv; p < k; p++)
            {
                t0 += x[p] * b0[p]; t1 += x[p] * b1[p]; t2 += x[p] * b2[p]; t3 += x[p] * b3[p];
            }
            Write(c + j, t0, beta); Write(c + j + 1, t1, beta); Write(c + j + 2, t2, beta); Write(c + j + 3, t3, beta);
        }
        for (; j < n; j++)
        {
            float* b0 = b + (j * ldb);
            Vector512<float> s0 = default;
            for (int p = 0; p < kv; p += 16) s0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Vector512.Load(b0 + p), s0);
            float t0 = Vector512.Sum(s0);
            for (int p = kv; p < k; p++) t0 += x[p] * b0[p];
            Write(c + j, t0, beta);
        }
    }

    /// <summary>c[j] = Σ_p x[p]·B[j, p]: four rows of B at a time share each load of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunDots(int n, int k, float* x, float* b, nint ldb, float beta, float* c)
    {
        int w = Vector<float>.Count;
        int kv = k - (k % w);
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            float* b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
            Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int p = 0; p < kv; p += w)
            {
                var xv = Vector.Load(x + p);
                s0 = MulAdd(xv, Vector.Load(b0 + p), s0);
                s1 = MulAdd(xv, Vector.Load(b1 + p), s1);
                s2 = MulAdd(xv, Vector.Load(b2 + p), s2);
                s3 = MulAdd(xv, Vector.Load(b3 + p), s3);
            }
            float t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
            for (int p = kv; p < k; p++)
            {
                t0 += x[p] * b0[p]; t1 += x[p] * b1[p]; t2 += x[p] * b2[p]; t3 += x[p] * b3[p];
            }
            Write(c + j, t0, beta); Write(c + j + 1, t1, beta); Write(c + j + 2, t2, beta); Write(c + j + 3, t3, beta);
        }
        for (; j < n; j++)
        {
            float* b0 = b + j * ldb;
            Vector<float> s0 = default;
            for (int p = 0; p < kv; p += w) s0 = MulAdd(Vector.Load(x + p), Vector.Load(b0 + p), s0);
            float t0 = Vector.Sum(s0);
            for (int p = kv; p < k; p++) t0 += x[p] * b0[p];
            Write(c + j, t0, beta);
        }
    }

    /// <summary>c[j] = Σ_p x[p]·B[p, j]: a block of output columns stays in registers over all of k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunAxpys(int n, int k, float* x, float* b, nint ldb, float beta, float* c)
    {
        int w = Vector<float>.Count;
        int j = 0;
        for (; j + (4 * w) <= n; j += 4 * w)
        {
            Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
            float* bp = b + j;
            for (int p = 0; p < k; p++, bp += ldb)
            {
                var xv = new Vector<float>(x[p]);
                s0 = MulAdd(xv, Vector.Load(bp), s0);
                s1 = MulAdd(xv, Vector.Load(bp + w), s1);
                s2 = MulAdd(xv, Vector.Load(bp + (2 * w)), s2);
                s3 = MulAdd(xv, Vector.Load(bp + (3 * w)), s3);
            }
            Store(c + j, s0, beta); Store(c + j + w, s1, beta); Store(c + j + (2 * w), s2, beta); Store(c + j + (3 * w), s3, beta);
        }
        for (; j + w <= n; j += w)
        {
            Vector<float> s0 = default;
            float* bp = b + j;
            for (int p = 0; p < k; p++, bp += ldb) s0 = MulAdd(new Vector<float>(x[p]), Vector.Load(bp), s0);
            Store(c + j, s0, beta);
        }
        for (; j < n; j++)
        {
            // Same rounding as one vector lane (fused when the vector loop is), so a column computes the same
            // bits whether a thread split puts it in the vector body or in this tail.
            float t = 0f;
            for (int p = 0; p < k; p++) t = HardwareFma ? MathF.FusedMultiplyAdd(x[p], b[(p * ldb) + j], t) : t + (x[p] * b[(p * ldb) + j]);
            Write(c + j, t, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector<float> v, float beta)
    {
        if (beta == 0f) Vector.Store(v, c);
        else if (beta == 1f) Vector.Store(Vector.Load(c) + v, c);
        else Vector.Store((Vector.Load(c) * beta) + v, c);
    }
}
