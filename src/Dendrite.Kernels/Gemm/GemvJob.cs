using System.Runtime.CompilerServices;
using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Splits a large m = 1 product over output columns: each thread then streams only its share of B, from its own
/// core's cache. Chunks start at multiples of 16 columns in the column-block (axpy) form, which keeps every chunk on
/// its full-vector loop, and of 8 rows in the dot-product form; bit-identity holds for any split, since each output
/// is computed the same way wherever it falls. The first chunk, which the calling thread claims before any worker
/// has seen the job, is larger by what the caller streams while a worker starts and reports back.
/// </summary>
internal sealed unsafe class GemvJob : ParallelWork
{
    /// <summary>Below this many multiply-adds the dispatch (~1 µs) costs more than the split saves.</summary>
    private const long MinWorkPerThread = 48 * 1024;

    /// <summary>
    /// Bytes of B the caller streams while a spinning worker notices the job, and later while the caller notices the
    /// worker is done (about 0.4 µs on this VM). Measured with `-- gflops 0.5 'gemv 1x256'` on 2 threads, 4 runs per
    /// split of the 784→256 GEMV: caller 128 rows 4.22–4.26 µs, 132 rows 3.92–4.20, 136 rows (16 × 3136 B ahead)
    /// 3.83–3.93, 140 rows 3.93–4.00, 144 rows 4.03–4.13.
    /// </summary>
    private const int CallerLeadBytes = 48 * 1024;

    private const int AxpyBlock = 16, DotBlock = 8;

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
        int t = (int)Math.Clamp((long)n * k / MinWorkPerThread, 1, Math.Min(threads, Math.Max(1, n / AxpyBlock)));
        if (t == 1)
        {
            Gemv.Run(transB, 0, n, k, x, b, ldb, beta, c);
            return;
        }
        _transB = transB; _n = n; _k = k; _x = x; _b = b; _ldb = ldb; _beta = beta; _c = c; _chunks = t;
        ParallelFor.RunShort(this, t, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int index) =>
        Gemv.Run(_transB, ChunkStart(_transB, _n, _k, _chunks, index), ChunkStart(_transB, _n, _k, _chunks, index + 1), _k, _x, _b, _ldb, _beta, _c);

    /// <summary>
    /// First column of chunk <paramref name="index"/> (of <paramref name="chunks"/>; index = chunks gives n): chunk 0
    /// takes <see cref="CallerLeadBytes"/> worth of extra columns, at most an equal share more, and the rest is cut
    /// evenly, everything in whole blocks.
    /// </summary>
    internal static int ChunkStart(Transpose transB, int n, int k, int chunks, int index)
    {
        if (index <= 0) return 0;
        if (index >= chunks) return n;
        int block = transB == Transpose.Yes ? DotBlock : AxpyBlock;
        int blocks = (n + block - 1) / block;
        long leadBlocks = Math.Min(((CallerLeadBytes / ((long)k * sizeof(float))) + (block / 2)) / block, blocks / chunks);
        long start = leadBlocks + ((blocks - leadBlocks) * index / chunks);
        return (int)Math.Min(n, start * block);
    }
}
