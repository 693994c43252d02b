namespace Dendrite.Kernels.Gemm;

/// <summary>Whether a GEMM operand is read as stored or as its transpose (no transpose is materialized).</summary>
public enum Transpose
{
    No,
    Yes,
}
