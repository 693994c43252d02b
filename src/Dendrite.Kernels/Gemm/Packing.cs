using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernels stream through.
/// Transposition is absorbed here (a strided read), so no transposed matrix is ever materialized.
/// </summary>
internal static unsafe class Packing
{
    /// <summary>
    /// Packs op(A)[rows i0..i0+mc, cols p0..p0+kc] as ceil(mc/mr) micro-panels; panel q holds, for each p, the mr
    /// values op(A)[i0+q·mr+r, p0+p] at dst[q·kc·mr + p·mr + r] (rows past mc are zero). With
    /// <see cref="Transpose.No"/> and a non-null <c>map</c>, stored row i of A is at a + map[i]·lda.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(Transpose transA, float* a, nint lda, int i0, int mc, int p0, int kc, int mr, float* dst, int* map = null)
    {
        for (int q = 0; q < mc; q += mr)
        {
            int rows = Math.Min(mr, mc - q);
            float* panel = dst + (nint)q * kc;
            if (transA == Transpose.No)
            {
                if (map is not null && q + mr < mc) PrefetchRows(a + p0, map, i0 + q + mr, Math.Min(mr, mc - q - mr), lda, kc);
                // A(i, p) = a[i·lda + p]: a gather. 8×8 register transposes write 8 rows' values per p at once; a
                // block of fewer than 8 remaining rows spills junk into the next p's first rows, which is why row
                // blocks go in descending order (the lower block then overwrites the spill) and the buffer has slack.
                // Row blocks are the outer loop so that each of the 8 loads walks its own row sequentially, a
                // pattern the per-instruction stride prefetcher follows; with columns outer the loads jumped between
                // row blocks, and packing a batch's scattered dataset rows cost 622 µs per fwd GEMM instead of 591.
                int pv = Transpose8x8.IsSupported && mr >= 4 ? kc & ~7 : 0;
                for (int rb = ((rows - 1) / 8) * 8; rb >= 0; rb -= 8)
                    for (int pb = 0; pb < pv; pb += 8)
                    {
                        if (map is null) Transpose8x8.Run(a + ((i0 + q + rb) * lda) + p0 + pb, lda, Math.Min(8, rows - rb), panel + (pb * mr) + rb, mr);
                        else Transpose8x8.RunMapped(a + p0 + pb, map, i0 + q + rb, lda, Math.Min(8, rows - rb), panel + (pb * mr) + rb, mr);
                    }
                for (int r = 0; r < rows; r++)
                {
                    float* src = a + (Row(map, i0 + q + r) * lda) + p0;
                    float* d = panel + r;
                    for (int p = pv; p < kc; p++) d[p * mr] = src[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) panel[(p * mr) + r] = 0f;
            }
            else
            {
                // A(i, p) = a[p·lda + i]: mr consecutive values per p.
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (p0 + p) * lda + i0 + q;
                    float* d = panel + p * mr;
                    Copy(src, d, rows);
                    for (int r = rows; r < mr; r++) d[r] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// Packs the column panel j0..j0+nr of op(B) over all k rows: dst[p·NR + j] = op(B)[p, j0+j] (columns past nr
    /// are zero). The panel is kc-block agnostic: block p0 starts at dst + p0·NR. With <see cref="Transpose.No"/> and
    /// a non-null <c>map</c>, stored row p of B is at b + map[p]·ldb.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(Transpose transB, float* b, nint ldb, int k, int j0, int nr, int nrFull, float* dst, int* map = null)
    {
        if (transB == Transpose.No)
        {
            // B(p, j) = b[p·ldb + j]: nr consecutive values per p.
            for (int p = 0; p < k; p++)
            {
                float* d = dst + (nint)p * nrFull;
                Copy(b + (Row(map, p) * ldb) + j0, d, nr);
                for (int j = nr; j < nrFull; j++) d[j] = 0f;
            }
        }
        else
        {
            // B(p, j) = b[j·ldb + p]: a gather, done as 8×8 register transposes (NR is a multiple of 8, so junk
            // lanes of a partial block land in pad columns, zeroed below).
            int pv = Transpose8x8.IsSupported && nrFull % 8 == 0 ? k & ~7 : 0;
            for (int pb = 0; pb < pv; pb += 8)
                for (int jb = 0; jb < nr; jb += 8)
                    Transpose8x8.Run(b + ((j0 + jb) * ldb) + pb, ldb, Math.Min(8, nr - jb), dst + ((nint)pb * nrFull) + jb, nrFull);
            for (int j = 0; j < nr; j++)
            {
                float* src = b + ((j0 + j) * ldb);
                float* d = dst + j;
                for (int p = pv; p < k; p++) d[(nint)p * nrFull] = src[p];
            }
            for (int j = nr; j < nrFull; j++)
                for (int p = 0; p < k; p++) dst[((nint)p * nrFull) + j] = 0f;
        }
    }

    /// <summary>
    /// Copies n floats. The rows copied here are 14 or 32 floats, thousands of times per GEMM, where a Memmove call
    /// per row cost about 1% of a training epoch (perf): vector loads instead, the last one overlapping the
    /// previous so nothing outside [src, src + n) is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int n)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            for (; i <= n - 8; i += 8) Vector256.Store(Vector256.Load(src + i), dst + i);
            if (i < n) Vector256.Store(Vector256.Load(src + n - 8), dst + n - 8);
            return;
        }
        if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            for (; i <= n - 4; i += 4) Vector128.Store(Vector128.Load(src + i), dst + i);
            if (i < n) Vector128.Store(Vector128.Load(src + n - 4), dst + n - 4);
            return;
        }
        for (; i < n; i++) dst[i] = src[i];
    }

    /// <summary>
    /// Asks for the kc floats of the mapped rows first..first+count (the next micro-panel's) to be brought into cache.
    /// Mapped rows are scattered over a dataset far larger than the caches, in no order the hardware prefetchers can
    /// follow, so without this each row's first lines are a stall on memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRows(float* a, int* map, int first, int count, nint lda, int kc)
    {
        if (!Sse.IsSupported) return;
        for (int r = 0; r < count; r++)
        {
            byte* row = (byte*)(a + (map[first + r] * lda));
            for (int off = 0; off < kc * sizeof(float); off += 64) Sse.Prefetch0(row + off);
            Sse.Prefetch0(row + (kc * sizeof(float)) - 1);
        }
    }

    /// <summary>Stored row <paramref name="i"/> through the optional row map.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Row(int* map, int i) => map is null ? i : map[i];
}
