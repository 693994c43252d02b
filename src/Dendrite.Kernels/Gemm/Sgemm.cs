using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// C[m×n] = op(A)[m×k] · op(B)[k×n] + beta · C, where op(X) is X or Xᵀ.
/// A is stored m×k (lda ≥ k) or, transposed, k×m (lda ≥ m); likewise B (k×n, ldb ≥ n, or n×k, ldb ≥ k);
/// C is m×n with ldc ≥ n.
/// </summary>
/// <remarks>
/// Packed and cache-blocked (GotoBLAS/BLIS style) with an AVX-512 14×32, AVX2/FMA 6×16, Vector128 6×8 or scalar
/// 4×4 micro-kernel, chosen once at start-up. m = 1 takes a direct GEMV path; a narrow C (n ≤ NR/2, m ≥ 4n) is
/// computed as Cᵀ = op(B)ᵀ·op(A)ᵀ so its long side fills the tiles. Threads (see <see cref="KernelThreads.Count"/>)
/// split the output, never k, and the k blocking depends on k alone, so results are bit-identical for any thread
/// count (they may differ between instruction-set paths).
/// </remarks>
public static class Sgemm
{
    internal static readonly GemmKernelKind Active = Detect();

    /// <summary>Which instruction-set path this process uses, e.g. "Avx512 14x32".</summary>
    public static string ActivePath => Describe(Active);

    internal static GemmKernelKind Detect() =>
        Avx512F.IsSupported ? GemmKernelKind.Avx512
        : Avx2.IsSupported && Fma.IsSupported ? GemmKernelKind.Avx2
        : Vector128.IsHardwareAccelerated ? GemmKernelKind.Vector128
        : GemmKernelKind.Scalar;

    internal static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => Avx512F.IsSupported,
        GemmKernelKind.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        GemmKernelKind.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    internal static string Describe(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => "Avx512 14x32",
        GemmKernelKind.Avx2 => "Avx2Fma 6x16",
        GemmKernelKind.Vector128 => "Vector128 6x8",
        _ => "Scalar 4x4",
    };

    /// <summary>
    /// C = op(A)·op(B) + beta·C. With beta = 0, C is only written (NaN or garbage in C does not leak); with
    /// beta = 1 the product is accumulated into C. C must not overlap A or B. Steady-state calls allocate nothing
    /// (packing buffers are per thread and reused).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative dimension or a leading dimension below the row width.</exception>
    /// <exception cref="ArgumentException">a span too short for its shape and leading dimension.</exception>
    public static void Multiply(
        Transpose transA, Transpose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => Multiply(Active, KernelThreads.Count, transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc);

    /// <summary>Test entry: a given kernel path and thread count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Multiply(
        GemmKernelKind kind, int threads, Transpose transA, Transpose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"GEMM dimensions must be non-negative, got m={m}, n={n}, k={k}.");
        if (m == 0 || n == 0) return;
        CheckOperand("C", c.Length, m, n, ldc);
        if (k == 0)
        {
            for (int i = 0; i < m; i++)
            {
                Span<float> row = c.Slice(i * ldc, n);
                if (beta == 0f) row.Clear();
                else if (beta != 1f) foreach (ref float v in row) v *= beta;
            }
            return;
        }
        if (transA == Transpose.No) CheckOperand("A", a.Length, m, k, lda);
        else CheckOperand("Aᵀ", a.Length, k, m, lda);
        if (transB == Transpose.No) CheckOperand("B", b.Length, k, n, ldb);
        else CheckOperand("Bᵀ", b.Length, n, k, ldb);

        fixed (float* pa = a, pb = b, pc = c)
        {
            if (m == 1 && kind != GemmKernelKind.Scalar)
            {
                RunGemv(transA, transB, n, k, pa, lda, pb, ldb, beta, pc, threads);
                return;
            }
            RunPacked(kind, threads, transA, transB, m, n, k, pa, lda, pb, ldb, beta, pc, ldc, null, null);
        }
    }

    /// <summary>
    /// As <see cref="Multiply(Transpose, Transpose, int, int, int, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>,
    /// with untransposed operands read through row indices: stored row i of A is a[aRows[i]·lda ..] (when aRows is
    /// not empty: transA must be No and aRows has m entries), stored row p of B is b[bRows[p]·ldb ..] (bRows: transB
    /// No, k entries). The result is bit-identical to gathering those rows first and multiplying; the packing reads
    /// the rows in place, so a mini-batch never has to be copied out of its dataset.
    /// </summary>
    /// <exception cref="ArgumentException">a map with a transposed operand or of the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a row index whose row does not fit in its operand.</exception>
    public static void MultiplyRows(
        Transpose transA, Transpose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<int> aRows, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<int> bRows,
        float beta, Span<float> c, int ldc)
        => MultiplyRows(Active, KernelThreads.Count, transA, transB, m, n, k, a, lda, aRows, b, ldb, bRows, beta, c, ldc);

    /// <summary>Test entry: a given kernel path and thread count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void MultiplyRows(
        GemmKernelKind kind, int threads, Transpose transA, Transpose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<int> aRows, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<int> bRows,
        float beta, Span<float> c, int ldc)
    {
        CheckRows("A", aRows, transA, m, k, a.Length, lda);
        CheckRows("B", bRows, transB, k, n, b.Length, ldb);
        if (aRows.IsEmpty && bRows.IsEmpty)
        {
            Multiply(kind, threads, transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"GEMM dimensions must be non-negative, got m={m}, n={n}, k={k}.");
        if (m > 1 && n > 0 && k > 0 && !Swaps(kind, m, n))
        {
            CheckOperand("C", c.Length, m, n, ldc);
            fixed (float* pa = a, pb = b, pc = c)
            fixed (int* am = aRows, bm = bRows)
            {
                RunPacked(kind, threads, transA, transB, m, n, k, pa, lda, pb, ldb, beta, pc, ldc,
                    aRows.IsEmpty ? null : am, bRows.IsEmpty ? null : bm);
            }
            return;
        }
        // GEMV, swapped (narrow C) and empty shapes: gather the rows, then the plain path.
        ReadOnlySpan<float> ga = aRows.IsEmpty ? a : Gathered(a, lda, aRows, k, ref t_gatherA, threads);
        ReadOnlySpan<float> gb = bRows.IsEmpty ? b : Gathered(b, ldb, bRows, n, ref t_gatherB, threads);
        Multiply(kind, threads, transA, transB, m, n, k, ga, aRows.IsEmpty ? lda : k, gb, bRows.IsEmpty ? ldb : n, beta, c, ldc);
    }

    [ThreadStatic] private static float[]? t_gatherA;
    [ThreadStatic] private static float[]? t_gatherB;

    private static bool Swaps(GemmKernelKind kind, int m, int n) => kind switch
    {
        GemmKernelKind.Avx512 => GemmJob<Avx512Kernel14x32>.Swaps(m, n),
        GemmKernelKind.Avx2 => GemmJob<Avx2Kernel6x16>.Swaps(m, n),
        GemmKernelKind.Vector128 => GemmJob<Vector128Kernel6x8>.Swaps(m, n),
        _ => GemmJob<ScalarKernel4x4>.Swaps(m, n),
    };

    /// <summary>The mapped rows packed densely into a reusable per-thread scratch buffer.</summary>
    private static Span<float> Gathered(ReadOnlySpan<float> source, int ld, ReadOnlySpan<int> rows, int cols, ref float[]? scratch, int threads)
    {
        int length = rows.Length * cols;
        if (scratch is null || scratch.Length < length) scratch = new float[Math.Max(length, 1)];
        Span<float> target = scratch.AsSpan(0, length);
        Elementwise.RowGather.Gather(source, ld, cols, rows, target, threads);
        return target;
    }

    /// <summary>The packed GEMM on <paramref name="kind"/>'s micro-kernel (row maps as in <see cref="GemmJob{TK}.Run"/>).</summary>
    private static unsafe void RunPacked(GemmKernelKind kind, int threads, Transpose transA, Transpose transB, int m, int n, int k,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, int* aMap, int* bMap)
    {
        switch (kind)
        {
            case GemmKernelKind.Avx512:
                GemmJob<Avx512Kernel14x32>.ForThisThread.Run(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc, threads, aMap, bMap);
                break;
            case GemmKernelKind.Avx2:
                GemmJob<Avx2Kernel6x16>.ForThisThread.Run(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc, threads, aMap, bMap);
                break;
            case GemmKernelKind.Vector128:
                GemmJob<Vector128Kernel6x8>.ForThisThread.Run(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc, threads, aMap, bMap);
                break;
            default:
                GemmJob<ScalarKernel4x4>.ForThisThread.Run(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc, threads, aMap, bMap);
                break;
        }
    }

    private static void CheckRows(string name, ReadOnlySpan<int> rows, Transpose trans, int count, int cols, int length, int ld)
    {
        if (rows.IsEmpty) return;
        if (trans != Transpose.No)
            throw new ArgumentException($"GEMM operand {name}: row indices need an untransposed operand.", nameof(rows));
        if (rows.Length != count)
            throw new ArgumentException($"GEMM operand {name}: {rows.Length} row indices for {count} rows.", nameof(rows));
        if (ld < cols)
            throw new ArgumentOutOfRangeException(nameof(ld), $"GEMM operand {name} has rows of {cols} but its leading dimension is {ld} (< {cols}).");
        for (int i = 0; i < rows.Length; i++)
            if (rows[i] < 0 || ((long)rows[i] * ld) + cols > length)
                throw new ArgumentOutOfRangeException(nameof(rows), $"GEMM operand {name}: row index {rows[i]} at position {i} is outside its {length} floats.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunGemv(Transpose transA, Transpose transB, int n, int k, float* a, int lda, float* b, int ldb, float beta, float* c, int threads)
    {
        // op(A) is one row; stored transposed (k×1) it is strided, so gather it into contiguous scratch first.
        float* x = a;
        if (transA == Transpose.Yes && lda != 1)
        {
            x = GemmScratch.PackA.Get(k);
            for (int p = 0; p < k; p++) x[p] = a[(nint)p * lda];
        }
        GemvJob.ForThisThread.Run(transB, n, k, x, b, ldb, beta, c, threads);
    }

    private static void CheckOperand(string name, int length, int rows, int cols, int ld)
    {
        if (ld < cols)
            throw new ArgumentOutOfRangeException(nameof(ld), $"GEMM operand {name} is {rows}×{cols} but its leading dimension is {ld} (< {cols}).");
        long needed = ((long)(rows - 1) * ld) + cols;
        if (length < needed)
            throw new ArgumentException($"GEMM operand {name} is {rows}×{cols} with leading dimension {ld}: needs {needed} floats, span has {length}.");
    }
}
