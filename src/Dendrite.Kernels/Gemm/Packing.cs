namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernels stream through.
/// Transposition is absorbed here (a strided read), so no transposed matrix is ever materialized.
/// </summary>
internal static unsafe class Packing
{
    /// <summary>
    /// Packs op(A)[rows i0..i0+mc, cols p0..p0+kc] as ceil(mc/mr) micro-panels; panel q holds, for each p, the mr
    /// values op(A)[i0+q·mr+r, p0+p] at dst[q·kc·mr + p·mr + r] (rows past mc are zero).
    /// </summary>
    public static void PackA(Transpose transA, float* a, nint lda, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        for (int q = 0; q < mc; q += mr)
        {
            int rows = Math.Min(mr, mc - q);
            float* panel = dst + (nint)q * kc;
            if (transA == Transpose.No)
            {
                // A(i, p) = a[i·lda + p]: read each row contiguously, write with stride mr.
                for (int r = 0; r < rows; r++)
                {
                    float* src = a + (i0 + q + r) * lda + p0;
                    float* d = panel + r;
                    for (int p = 0; p < kc; p++) d[p * mr] = src[p];
                }
                for (int r = rows; r < mr; r++)
                    for (int p = 0; p < kc; p++) panel[p * mr + r] = 0f;
            }
            else
            {
                // A(i, p) = a[p·lda + i]: mr consecutive values per p.
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (p0 + p) * lda + i0 + q;
                    float* d = panel + p * mr;
                    new ReadOnlySpan<float>(src, rows).CopyTo(new Span<float>(d, rows));
                    for (int r = rows; r < mr; r++) d[r] = 0f;
                }
            }
        }
    }

    /// <summary>
    /// Packs the column panel j0..j0+nr of op(B) over all k rows: dst[p·NR + j] = op(B)[p, j0+j] (columns past nr
    /// are zero). The panel is kc-block agnostic: block p0 starts at dst + p0·NR.
    /// </summary>
    public static void PackB(Transpose transB, float* b, nint ldb, int k, int j0, int nr, int nrFull, float* dst)
    {
        if (transB == Transpose.No)
        {
            // B(p, j) = b[p·ldb + j]: nr consecutive values per p.
            for (int p = 0; p < k; p++)
            {
                float* d = dst + (nint)p * nrFull;
                new ReadOnlySpan<float>(b + p * ldb + j0, nr).CopyTo(new Span<float>(d, nr));
                for (int j = nr; j < nrFull; j++) d[j] = 0f;
            }
        }
        else
        {
            // B(p, j) = b[j·ldb + p]: read each stored row contiguously, write with stride NR.
            for (int j = 0; j < nr; j++)
            {
                float* src = b + (j0 + j) * ldb;
                float* d = dst + j;
                for (int p = 0; p < k; p++) d[(nint)p * nrFull] = src[p];
            }
            for (int j = nr; j < nrFull; j++)
                for (int p = 0; p < k; p++) dst[(nint)p * nrFull + j] = 0f;
        }
    }
}
