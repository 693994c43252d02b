using Dendrite.Kernels.Gemm;

namespace Dendrite.Bench;

/// <summary>A GEMM problem C[m×n] = op(A)[m×k]·op(B)[k×n] from the MLP (Fashion-MNIST 784-256-10, batch 256).</summary>
public sealed record GemmShape(string Name, Transpose TransA, Transpose TransB, int M, int N, int K)
{
    public string Op => $"{(TransA == Transpose.No ? 'N' : 'T')}{(TransB == Transpose.No ? 'N' : 'T')}";

    /// <summary>Short form for BenchmarkDotNet tables, which truncate long parameter strings.</summary>
    public override string ToString() => $"{Op} {M}x{N}x{K}";

    public static readonly GemmShape[] All =
    [
        new("fwd x·W1ᵀ 256x256x784", Transpose.No, Transpose.Yes, 256, 256, 784),
        new("fwd, B pre-transposed 256x256x784", Transpose.No, Transpose.No, 256, 256, 784),
        new("fwd h·W2ᵀ 256x10x256", Transpose.No, Transpose.Yes, 256, 10, 256),
        new("bwd dX=dY·W 256x784x256", Transpose.No, Transpose.No, 256, 784, 256),
        new("bwd dW=dYᵀ·X 256x784x256", Transpose.Yes, Transpose.No, 256, 784, 256),
        new("bwd dH=dY·W2 256x256x10", Transpose.No, Transpose.No, 256, 256, 10),
        new("bwd dW2=dYᵀ·H 10x256x256", Transpose.Yes, Transpose.No, 10, 256, 256),
        new("784x256x256", Transpose.No, Transpose.No, 784, 256, 256),
        new("1024^3", Transpose.No, Transpose.No, 1024, 1024, 1024),
        new("infer x·W1ᵀ 10000x256x784", Transpose.No, Transpose.Yes, 10_000, 256, 784),
        new("infer h·W2ᵀ 10000x10x256", Transpose.No, Transpose.Yes, 10_000, 10, 256),
        new("gemv 1x256x784", Transpose.No, Transpose.Yes, 1, 256, 784),
        new("gemv 1x10x256", Transpose.No, Transpose.Yes, 1, 10, 256),
    ];
}
