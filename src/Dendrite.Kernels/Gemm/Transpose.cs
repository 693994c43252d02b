namespace Dendrite.Kernels.Gemm;

/// <summary>Whether a GEMM operand is read as stored or as its transpose (no transpose is materialized).</summary>
public enum Transpose
{
    /// <summary>op(X) = X: the span holds the operand itself (A stored m×k, lda ≥ k; B stored k×n, ldb ≥ n).</summary>
    No,
    /// <summary>op(X) = Xᵀ: the span holds its transpose (A stored k×m, lda ≥ m; B stored n×k, ldb ≥ k).</summary>
    Yes,
}
