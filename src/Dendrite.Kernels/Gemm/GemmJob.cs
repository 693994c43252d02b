using System.Runtime.CompilerServices;
using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// The packed, cache-blocked GEMM driver (GotoBLAS/BLIS loop nest) specialized for one micro-kernel.
/// With column chunks (small op(A), see <see cref="ChooseGrid"/>) each thread packs its own NR-wide column panels of
/// op(B) and computes them in one job (phase 2). Otherwise phase 0 packs all of op(B) (threads split the panels) and
/// phase 1 computes C, threads splitting rows and/or column panels. The k loop is blocked by a size that depends only on k, and every C
/// element is one FMA chain per k block, so results are bit-identical for any thread count and any tiling split.
/// One instance per calling thread, reused, so a call allocates nothing.
/// </summary>
internal sealed unsafe class GemmJob<TK> : ParallelWork where TK : struct, IMicroKernel
{
    /// <summary>Largest k block: a kc×NR panel of B (32 KB for NR = 32) stays in L1 across the row tiles.</summary>
    private const int KcMax = 256;

    /// <summary>Rows of A packed at once (≈ 140 × 256 floats = 140 KB, an L2-resident block).</summary>
    private static readonly int Mc = TK.MR * Math.Max(1, 144 / TK.MR);

    /// <summary>
    /// Below this many FLOPs per thread (≈ 10 µs of work), a second thread costs more than it saves. Not the
    /// dispatch (~1 µs) but the operands: in a training step half of them were just written by the other core, and
    /// on this 2-core VM reading such a half costs ~13 µs (bias + ReLU over the 256×256 hidden activations: 16 µs
    /// after a two-thread GEMM wrote them, 3.4 µs after a one-thread one). Measured in the 784-256-10 step (`-- step`,
    /// 2 threads): h·W2ᵀ (1.3 MFLOP) 32–36 µs split, 17 µs on one thread; dW2 20–25 µs against 16; and the softmax and
    /// ReLU-backward kernels that follow, which then find their inputs on their own core, 10.5 → 6.6 µs and
    /// 14.5 → 5.1 µs.
    /// </summary>
    private const long MinFlopsPerThread = 2_000_000;

    /// <summary>Below this k, one thread (see <see cref="Run"/>).</summary>
    private const int MinKForThreads = 32;

    /// <summary>
    /// Packed-A buffer length: the largest block any shape needs (+ slack for the transpose spill), so a thread's
    /// buffer is allocated on its first item and never regrown, whichever shapes and chunks it is dealt later.
    /// </summary>
    private static readonly int PackASize = (Mc * KcMax) + 64;

    [ThreadStatic] private static GemmJob<TK>? t_instance;

    private Transpose _transA, _transB;
    private int _m, _n, _k, _kcBlock, _panels, _packItems, _rowChunks, _colChunks, _rowTiles, _phase;
    private float* _a, _b, _c, _bPack;
    private int* _aMap, _bMap;
    private nint _lda, _ldb, _ldc;
    private float _beta;
    private bool _swapped;

    public static GemmJob<TK> ForThisThread => t_instance ??= new GemmJob<TK>();

    /// <summary>
    /// True when <see cref="Run"/> computes Cᵀ = op(B)ᵀ·op(A)ᵀ instead: a narrow C (n = 10 classes) would waste most
    /// of each NR-wide tile, so the long side goes along NR and the short side along MR. Depends on the shape only.
    /// </summary>
    public static bool Swaps(int m, int n) => 2 * n <= TK.NR && m >= 4 * n;

    /// <summary>
    /// C = op(A)·op(B) (+ beta·C). A non-null aMap (untransposed A only, and only for shapes that do not
    /// <see cref="Swaps"/>) reads stored row i of A at a + aMap[i]·lda; bMap likewise stored row p of B at
    /// b + bMap[p]·ldb.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(
        Transpose transA, Transpose transB, int m, int n, int k,
        float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc, int threads, int* aMap = null, int* bMap = null)
    {
        _swapped = Swaps(m, n);
        _aMap = aMap;
        _bMap = bMap;
        if (_swapped)
        {
            (transA, transB) = (Flip(transB), Flip(transA));
            float* swap = a;
            a = b;
            b = swap;
            (lda, ldb) = (ldb, lda);
            (m, n) = (n, m);
        }
        _transA = transA; _transB = transB; _m = m; _n = n; _k = k;
        _a = a; _lda = lda; _b = b; _ldb = ldb; _beta = beta; _c = c; _ldc = ldc;
        _panels = (n + TK.NR - 1) / TK.NR;
        _rowTiles = (m + TK.MR - 1) / TK.MR;
        int kBlocks = (k + KcMax - 1) / KcMax;
        _kcBlock = (k + kBlocks - 1) / kBlocks; // balanced: 784 → 4 × 196 rather than 3 × 256 + 16
        _bPack = GemmScratch.PackB.Get(checked((int)((long)_panels * k * TK.NR))); // throws rather than wraps for > 2^31 floats

        // Size the caller's own buffers now: with dynamic claiming it may run no item this call but some later one.
        GemmScratch.PackA.Get(PackASize);
        GemmScratch.Tile.Get(TK.MR * TK.NR);

        long flops = 2L * m * n * k;
        // With a tiny k every tile is a few FMAs between packing and storing C, so the call is memory-bound and a
        // second thread only adds the dispatch: 256×256×10 (the MLP's dH) took 9 µs on one thread, 15 µs on two.
        int t = k < MinKForThreads ? 1 : (int)Math.Clamp(flops / MinFlopsPerThread, 1, threads);
        if (t == 1)
        {
            PackPanels(0, _panels);
            Compute(0, m, 0, _panels);
            return;
        }

        ChooseGrid(t);
        if (_rowChunks == 1)
        {
            // Column chunks: each packs only the B panels it reads, so packing and computing are one job.
            _phase = 2;
            ParallelFor.Run(this, _colChunks, t);
            return;
        }
        _phase = 0;
        _packItems = Math.Min(t, _panels);
        ParallelFor.Run(this, _packItems, t);

        _phase = 1;
        ParallelFor.Run(this, _rowChunks * _colChunks, t);
    }

    private static Transpose Flip(Transpose t) => t == Transpose.No ? Transpose.Yes : Transpose.No;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int index)
    {
        if (_phase == 0)
        {
            PackPanels(Split(index, _packItems, _panels), Split(index + 1, _packItems, _panels));
            return;
        }
        if (_phase == 2)
        {
            int p0 = Split(index, _colChunks, _panels), p1 = Split(index + 1, _colChunks, _panels);
            PackPanels(p0, p1);
            Compute(0, _m, p0, p1);
            return;
        }
        int ri = index / _colChunks, ci = index % _colChunks;
        int r0 = Math.Min(_m, Split(ri, _rowChunks, _rowTiles) * TK.MR);
        int r1 = Math.Min(_m, Split(ri + 1, _rowChunks, _rowTiles) * TK.MR);
        Compute(r0, r1, Split(ci, _colChunks, _panels), Split(ci + 1, _colChunks, _panels));
    }

    /// <summary>Start of chunk <paramref name="i"/> when <paramref name="total"/> units are cut into <paramref name="chunks"/>.</summary>
    private static int Split(int i, int chunks, int total) => (int)((long)total * i / chunks);

    /// <summary>
    /// How the threads share C. When op(A) is small enough to stay in cache (the MLP's 256-row batches), column
    /// chunks: each thread packs and reads only its own B panels and packs all of A, with no barrier between packing
    /// and computing (phase 2). Measured on 2 threads against row chunks, `gflops 0.3`, A/B twice: 256×256×784 NT
    /// 392-402 → 319-335 µs, 256×784×256 TN 340-352 → 276-283 µs. With a large A every thread packing all of it
    /// doubles its memory traffic (10000×256×784 fell from ≈350 to ≈268 GFLOP/s), so then row chunks, one per thread
    /// (every chunk streams the whole packed B, so more chunks read it more often), sharing B packed in phase 0.
    /// Too few row tiles: columns anyway; neither: a small 2-D grid.
    /// </summary>
    private void ChooseGrid(int t)
    {
        bool smallA = (long)_m * _k <= ColumnSplitMaxAFloats;
        if (smallA && _panels >= 2 * t) { _rowChunks = 1; _colChunks = t; }
        else if (_rowTiles >= 2 * t) { _rowChunks = t; _colChunks = 1; }
        else if (_panels >= t) { _rowChunks = 1; _colChunks = t; }
        else
        {
            _rowChunks = Math.Max(1, _rowTiles);
            _colChunks = Math.Min(_panels, (t + _rowChunks - 1) / _rowChunks);
        }
    }

    /// <summary>Largest op(A), in floats (2 MB), that column chunks let every thread pack whole.</summary>
    private const long ColumnSplitMaxAFloats = 512 * 1024;

    /// <summary>Offset of element (i, j) of the computed product: C[i, j], or C[j, i] when computing Cᵀ.</summary>
    private nint Address(int i, int j) => _swapped ? (j * _ldc) + i : (i * _ldc) + j;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackPanels(int p0, int p1)
    {
        for (int jp = p0; jp < p1; jp++)
        {
            int j0 = jp * TK.NR;
            Packing.PackB(_transB, _b, _ldb, _k, j0, Math.Min(TK.NR, _n - j0), TK.NR, _bPack + (nint)jp * _k * TK.NR, _bMap);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compute(int r0, int r1, int p0, int p1)
    {
        if (r0 >= r1 || p0 >= p1) return;
        int mr = TK.MR, nrFull = TK.NR, k = _k;
        float* aPack = GemmScratch.PackA.Get(PackASize);
        float* tile = GemmScratch.Tile.Get(mr * nrFull);
        float beta = _beta;
        if (beta != 0f && beta != 1f)
        {
            int c0 = p0 * nrFull, c1 = Math.Min(_n, p1 * nrFull);
            for (int i = r0; i < r1; i++)
                for (int j = c0; j < c1; j++) _c[Address(i, j)] *= beta;
        }

        for (int pc = 0; pc < k; pc += _kcBlock)
        {
            int kc = Math.Min(_kcBlock, k - pc);
            bool accumulate = pc > 0 || beta != 0f;
            for (int ic = r0; ic < r1; ic += Mc)
            {
                int mc = Math.Min(Mc, r1 - ic);
                Packing.PackA(_transA, _a, _lda, ic, mc, pc, kc, mr, aPack, _aMap);
                for (int jp = p0; jp < p1; jp++)
                {
                    int j0 = jp * nrFull;
                    int nr = Math.Min(nrFull, _n - j0);
                    float* bp = _bPack + ((nint)jp * k + pc) * nrFull;
                    for (int ir = 0; ir < mc; ir += mr)
                    {
                        int rows = Math.Min(mr, mc - ir);
                        float* ap = aPack + (nint)ir * kc;
                        float* cp = _c + (ic + ir) * _ldc + j0;
                        if (rows == mr && nr == nrFull && !_swapped)
                        {
                            TK.Run(kc, ap, bp, cp, _ldc, accumulate);
                        }
                        else
                        {
                            // Edge tile: same arithmetic into a scratch tile, then merge the valid part. A few rows
                            // take the narrow kernel, which computes only those rows.
                            if (rows <= TK.EdgeRows) TK.RunEdge(kc, ap, bp, tile, nrFull);
                            else TK.Run(kc, ap, bp, tile, nrFull, false);
                            for (int r = 0; r < rows; r++)
                            {
                                float* tr = tile + r * nrFull;
                                for (int j = 0; j < nr; j++)
                                {
                                    float* cij = _c + Address(ic + ir + r, j0 + j);
                                    *cij = accumulate ? *cij + tr[j] : tr[j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
