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

    /// <summary>
    /// <see cref="RunDots"/> with Vector512. Each row's weights are read from its 64-byte line boundary on: when
    /// the row starts h floats into a line, every vector is assembled from two aligned loads with one permute (the
    /// same lanes an unaligned load would give, so the same bits at any address), because a 64-byte load split over
    /// two lines costs this L2-bound loop about a fifth of its speed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunDots512(int n, int k, float* x, float* b, nint ldb, float beta, float* c)
    {
        var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        for (int j = 0; j < n; j++)
        {
            float* row = b + (j * ldb);
            int h = (int)(((nuint)row & 63) >> 2);
            float t = h == 0 || !Avx512F.IsSupported ? Dot512(k, x, row) : Dot512Shifted(k, x, row, h, lanes + Vector512.Create(h));
            Write(c + j, t, beta);
        }
    }

    /// <summary>Σ x[p]·row[p]: four accumulators over blocks of 64, then single vectors, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot512(int k, float* x, float* row)
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int p = 0;
        for (; p + 64 <= k; p += 64)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Vector512.Load(row + p), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 16), Vector512.Load(row + p + 16), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 32), Vector512.Load(row + p + 32), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 48), Vector512.Load(row + p + 48), s3);
        }
        for (; p + 16 <= k; p += 16) s0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Vector512.Load(row + p), s0);
        float t = Vector512.Sum((s0 + s1) + (s2 + s3));
        for (; p < k; p++) t += x[p] * row[p];
        return t;
    }

    /// <summary>
    /// <see cref="Dot512"/> for a row starting <paramref name="h"/> (1..15) floats into a 64-byte line: vector i of
    /// the row is lanes h..h+15 of aligned lines i and i+1. Every line read holds at least one float of the row,
    /// so nothing outside the row's own lines (and pages) is touched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot512Shifted(int k, float* x, float* row, int h, Vector512<int> shift)
    {
        float* line = row - h;
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
        var prev = Vector512.LoadAligned(line);
        int p = 0;
        for (; p + 64 <= k; p += 64)
        {
            var l1 = Vector512.LoadAligned(line + p + 16);
            var l2 = Vector512.LoadAligned(line + p + 32);
            var l3 = Vector512.LoadAligned(line + p + 48);
            var l4 = Vector512.LoadAligned(line + p + 64);
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Avx512F.PermuteVar16x32x2(prev, shift, l1), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 16), Avx512F.PermuteVar16x32x2(l1, shift, l2), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 32), Avx512F.PermuteVar16x32x2(l2, shift, l3), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p + 48), Avx512F.PermuteVar16x32x2(l3, shift, l4), s3);
            prev = l4;
        }
        for (; p + 16 <= k; p += 16)
        {
            var next = Vector512.LoadAligned(line + p + 16);
            s0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + p), Avx512F.PermuteVar16x32x2(prev, shift, next), s0);
            prev = next;
        }
        float t = Vector512.Sum((s0 + s1) + (s2 + s3));
        for (; p < k; p++) t += x[p] * row[p];
        return t;
    }

    /// <summary>
    /// c[j] = Σ_p x[p]·B[j, p], one row at a time with four accumulators: the weights are then read as one
    /// sequential stream, which the hardware prefetchers follow far better than several interleaved rows (measured
    /// with Vector512 on one core: 4 rows at a time ran the 256×784 product at ~110 GB/s from L2, one row at
    /// a time at 150–190).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunDots(int n, int k, float* x, float* b, nint ldb, float beta, float* c)
    {
        int w = Vector<float>.Count;
        for (int j = 0; j < n; j++)
        {
            float* row = b + (j * ldb);
            Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
            int p = 0;
            for (; p + (4 * w) <= k; p += 4 * w)
            {
                s0 = MulAdd(Vector.Load(x + p), Vector.Load(row + p), s0);
                s1 = MulAdd(Vector.Load(x + p + w), Vector.Load(row + p + w), s1);
                s2 = MulAdd(Vector.Load(x + p + (2 * w)), Vector.Load(row + p + (2 * w)), s2);
                s3 = MulAdd(Vector.Load(x + p + (3 * w)), Vector.Load(row + p + (3 * w)), s3);
            }
            for (; p + w <= k; p += w) s0 = MulAdd(Vector.Load(x + p), Vector.Load(row + p), s0);
            float t = Vector.Sum((s0 + s1) + (s2 + s3));
            for (; p < k; p++) t += x[p] * row[p];
            Write(c + j, t, beta);
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
