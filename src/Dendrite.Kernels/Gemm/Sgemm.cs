using System.Numerics.Tensors;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// C[m×n] = op(A)[m×k] · op(B)[k×n] + beta · C, where op(X) is X or Xᵀ.
/// A is stored m×k (lda ≥ k) or, transposed, k×m (lda ≥ m); likewise B.
/// </summary>
public static class Sgemm
{
    public static void Multiply(
        Transpose transA, Transpose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "negative GEMM dimension");
        if (m == 0 || n == 0) return;
        if (beta == 0f) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
        else if (beta != 1f) for (int i = 0; i < m; i++) TensorPrimitives.Multiply(c.Slice(i * ldc, n), beta, c.Slice(i * ldc, n));
        if (k == 0) return;

        // Reference implementation: row of C += a(i,p) · row p of op(B). Replaced by the packed kernel (issue 3).
        float[]? bT = null;
        if (transB == Transpose.Yes)
        {
            bT = new float[k * n];
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++) bT[p * n + j] = b[j * ldb + p];
        }
        for (int i = 0; i < m; i++)
        {
            Span<float> cRow = c.Slice(i * ldc, n);
            for (int p = 0; p < k; p++)
            {
                float aip = transA == Transpose.No ? a[i * lda + p] : a[p * lda + i];
                ReadOnlySpan<float> bRow = bT is null ? b.Slice(p * ldb, n) : bT.AsSpan(p * n, n);
                TensorPrimitives.MultiplyAdd(bRow, aip, cRow, cRow);
            }
        }
    }
}
