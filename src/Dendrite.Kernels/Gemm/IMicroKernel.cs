namespace Dendrite.Kernels.Gemm;

/// <summary>
/// A register-blocked GEMM micro-kernel: C[MR×NR] (=|+=) Apanel[kc×MR]ᵀ-packed · Bpanel[kc×NR].
/// Packed A holds, for each k, the MR values of one column of the A tile; packed B holds, for each k, the NR values
/// of one row of the B tile. Implementations are structs so the generic driver is specialized and inlined per ISA.
/// </summary>
internal interface IMicroKernel
{
    /// <summary>Rows of the C tile.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the C tile.</summary>
    static abstract int NR { get; }

    /// <summary>
    /// Computes acc = Σ_p a[p·MR + r] · b[p·NR + j] over p in 0..kc (one FMA chain per element, p ascending) and
    /// stores c[r·ldc + j] = acc, or c[r·ldc + j] += acc when <paramref name="accumulate"/>.
    /// </summary>
    static abstract unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, bool accumulate);

    /// <summary>Rows of a narrower edge kernel (<see cref="RunEdge"/>), or 0 when there is none.</summary>
    static virtual int EdgeRows => 0;

    /// <summary>
    /// Stores (never accumulates) rows 0..<see cref="EdgeRows"/>-1 of the tile, each element the same FMA chain as
    /// in <see cref="Run"/>, so an edge tile costs its rows rather than MR rows.
    /// </summary>
    static virtual unsafe void RunEdge(int kc, float* a, float* b, float* c, nint ldc) => throw new NotSupportedException();
}
