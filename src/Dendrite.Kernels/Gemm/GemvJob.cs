using System.Runtime.CompilerServices;
using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Splits a large m = 1 product over output columns: each thread then streams only its share of B, from its own
/// core's cache. Chunks start at multiples of 16 columns so the column-block (axpy) form keeps every chunk on its
/// full-vector loop; bit-identity holds for any split, since each output is computed the same way wherever it falls.
/// </summary>
internal sealed unsafe class GemvJob : ParallelWork
{
    /// <summary>Below this many multiply-adds the dispatch (~1 µs) costs more than the split saves.</summary>
    private const long MinWorkPerThread = 48 * 1024;

    private const int Block = 16;

    [ThreadStatic] private static GemvJob? t_instance;

    private Transpose _transB;
    private int _n, _k, _chunks;
    private float* _x, _b, _c;
    private nint _ldb;
    private float _beta;

    public static GemvJob ForThisThread => t_instance ??= new GemvJob();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(Transpose transB, int n, int k, float* x, float* b, nint ldb, float beta, float* c, int threads)
    {
        int t = (int)Math.Clamp((long)n * k / MinWorkPerThread, 1, Math.Min(threads, Math.Max(1, n / Block)));
        if (t == 1)
        {
            Gemv.Run(transB, 0, n, k, x, b, ldb, beta, c);
            return;
        }
        _transB = transB; _n = n; _k = k; _x = x; _b = b; _ldb = ldb; _beta = beta; _c = c; _chunks = t;
        ParallelFor.RunShort(this, t, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int index)
    {
        int blocks = (_n + Block - 1) / Block;
        int j0 = Math.Min(_n, (int)((long)blocks * index / _chunks) * Block);
        int j1 = Math.Min(_n, (int)((long)blocks * (index + 1) / _chunks) * Block);
        Gemv.Run(_transB, j0, j1, _k, _x, _b, _ldb, _beta, _c);
    }
}
