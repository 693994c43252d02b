using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dendrite.Kernels.Gemm;
using static Dendrite.Kernels.Tests.Gemm.GemmReference;

namespace Dendrite.Kernels.Tests.Gemm;

[Collection(nameof(ThreadPoolUsers))]
public class SgemmTests
{
    private static readonly Transpose[] Both = [Transpose.No, Transpose.Yes];

    private static void RunAndCheck(GemmKernelKind kind, int threads, Transpose ta, Transpose tb, int m, int n, int k,
        int padA, int padB, int padC, float beta, Random rng)
    {
        int lda = (ta == Transpose.No ? k : m) + padA;
        int ldb = (tb == Transpose.No ? n : k) + padB;
        int ldc = n + padC;
        float[] a = RandomArray(rng, (ta == Transpose.No ? m : k) * lda);
        float[] b = RandomArray(rng, (tb == Transpose.No ? k : n) * ldb);
        float[] c0 = RandomArray(rng, m * ldc);
        if (beta == 0f)
            for (int i = 0; i < m; i++) c0.AsSpan(i * ldc, n).Fill(float.NaN);
        float[] c = (float[])c0.Clone();
        Sgemm.Multiply(kind, threads, ta, tb, m, n, k, a, lda, b, ldb, beta, c, ldc);
        AssertMatches(ta, tb, m, n, k, a, lda, b, ldb, beta, c0, c, ldc,
            $"{kind} t={threads} {ta}{tb} m={m} n={n} k={k} beta={beta} pads={padA},{padB},{padC}");
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_MatchesFloat64Reference_ForEverySmallShapeAndTranspose(int kindValue)
    {
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(1);
        foreach (int k in new[] { 1, 5, 37 })
            foreach (Transpose ta in Both)
                foreach (Transpose tb in Both)
                    for (int m = 1; m <= 40; m++)
                        for (int n = 1; n <= 40; n++)
                            RunAndCheck(kind, 1, ta, tb, m, n, k, 0, 0, 0, m % 2 == 0 ? 0f : 1f, rng);
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_MatchesReference_ForMlpShapesWithPaddedLeadingDimensions(int kindValue)
    {
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(2);
        (Transpose, Transpose, int, int, int)[] shapes =
        [
            (Transpose.No, Transpose.Yes, 256, 256, 784),
            (Transpose.No, Transpose.Yes, 256, 10, 256),
            (Transpose.No, Transpose.No, 256, 784, 256),
            (Transpose.Yes, Transpose.No, 256, 784, 256),
            (Transpose.No, Transpose.Yes, 1, 256, 784),
            (Transpose.No, Transpose.Yes, 1, 10, 256),
            (Transpose.Yes, Transpose.Yes, 100, 70, 600),
        ];
        foreach (var (ta, tb, m, n, k) in shapes)
        {
            RunAndCheck(kind, 2, ta, tb, m, n, k, 0, 0, 0, 0f, rng);
            RunAndCheck(kind, 2, ta, tb, m, n, k, 3, 5, 7, 1f, rng);
            RunAndCheck(kind, 1, ta, tb, m, n, k, 1, 0, 2, 0.5f, rng);
        }
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_GemvPath_HandlesEveryTransposeBetaAndLength(int kindValue)
    {
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(3);
        foreach (Transpose ta in Both)
            foreach (Transpose tb in Both)
                foreach (float beta in new[] { 0f, 1f, -2f })
                    for (int n = 1; n <= 70; n += 3)
                        foreach (int k in new[] { 1, 3, 16, 33, 100 })
                            RunAndCheck(kind, 1, ta, tb, 1, n, k, 2, 1, 0, beta, rng);
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_GemvPath_GivesTheSameBitsWhereverBSitsInMemory(int kindValue)
    {
        // The AVX-512 dot products read each row of Bᵀ from its 64-byte line boundary and shift the lanes into
        // place, a different code path for each of the 16 float offsets within a line. Every offset must give the
        // bits of offset 0 (so results never depend on where the GC put the weights) and match float64, for k
        // with every kind of tail (blocks of 64, single vectors, scalars) and rows whose offsets differ (ldb odd).
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(11);
        foreach (int k in new[] { 1, 15, 16, 17, 63, 64, 65, 80, 100, 127, 128, 784 })
            foreach (int pad in new[] { 0, 1 })
            {
                const int n = 19;
                int ldb = k + pad;
                float[] x = RandomArray(rng, k), b = RandomArray(rng, n * ldb);
                float[] expected = new float[n];
                Sgemm.Multiply(kind, 1, Transpose.No, Transpose.Yes, 1, n, k, x, k, b, ldb, 0f, expected, n);
                AssertMatches(Transpose.No, Transpose.Yes, 1, n, k, x, k, b, ldb, 0f, new float[n], expected, n, $"{kind} k={k} ldb={ldb}");
                for (int offset = 1; offset < 16; offset++)
                {
                    var shifted = new float[offset + b.Length + 16];
                    b.CopyTo(shifted, offset);
                    float[] c = new float[n];
                    Sgemm.Multiply(kind, 1, Transpose.No, Transpose.Yes, 1, n, k, x, k, shifted.AsSpan(offset, b.Length), ldb, 0f, c, n);
                    Assert.True(expected.AsSpan().SequenceEqual(c), $"{kind} k={k} ldb={ldb}: B at float offset {offset} changed the result");
                }
            }
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_IsBitIdentical_ForOneTwoAndThreeThreads(int kindValue)
    {
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(4);
        (Transpose, Transpose, int, int, int)[] shapes =
        [
            (Transpose.No, Transpose.Yes, 256, 256, 784),
            (Transpose.Yes, Transpose.No, 256, 784, 256),
            (Transpose.No, Transpose.No, 33, 300, 517),
            (Transpose.No, Transpose.No, 5, 2000, 300),
            (Transpose.Yes, Transpose.Yes, 600, 7, 600),
            (Transpose.No, Transpose.Yes, 1, 2593, 784),  // n = 16·162 + 1; ≥ 4 MFLOP, so the scalar kind (no GEMV path) splits too
            (Transpose.Yes, Transpose.No, 1, 3005, 700),  // n = 16·187 + 13
            (Transpose.No, Transpose.Yes, 700, 64, 800),  // op(A) above 2 MB: row chunks sharing packed B
            (Transpose.Yes, Transpose.No, 900, 100, 640), // likewise, with a transposed A
        ];
        foreach (var (ta, tb, m, n, k) in shapes)
        {
            float[] a = RandomArray(rng, m * k), b = RandomArray(rng, k * n);
            int lda = ta == Transpose.No ? k : m, ldb = tb == Transpose.No ? n : k;
            float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n];
            long before = Threading.WorkerPoolProbe.JobsRun;
            Sgemm.Multiply(kind, 1, ta, tb, m, n, k, a, lda, b, ldb, 0f, c1, n);
            Sgemm.Multiply(kind, 2, ta, tb, m, n, k, a, lda, b, ldb, 0f, c2, n);
            Sgemm.Multiply(kind, 3, ta, tb, m, n, k, a, lda, b, ldb, 0f, c3, n);
            Assert.True(Threading.WorkerPoolProbe.JobsRun > before, $"the multi-threaded path never ran on the pool for {ta}{tb} {m}×{n}×{k}");
            Assert.Equal(c1, c2);
            Assert.Equal(c1, c3);
        }
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_GivesEdgeRowsTheSameBitsAsFullTiles(int kindValue)
    {
        // A last row tile with few rows may take a narrower kernel (AVX-512: 4 rows). Computing the same rows inside
        // a taller product, where they sit in full tiles (84 rows: a multiple of every kernel's MR), must give the
        // same bits, with beta 0 and 1 and for every transpose.
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(9);
        const int tall = 84;
        foreach (int m in new[] { 2, 3, 4, 5, 15, 18, 32, 46 }) // m = 1 takes the GEMV path, its own arithmetic
            foreach (Transpose ta in Both)
                foreach (Transpose tb in Both)
                    foreach (float beta in new[] { 0f, 1f })
                    {
                        const int n = 70, k = 300;
                        float[] aTall = RandomArray(rng, tall * k), b = RandomArray(rng, k * n);
                        float[] cInit = RandomArray(rng, tall * n);
                        // Row i of op(A) is the same for both products: for Aᵀ storage take the first m columns.
                        float[] aShort = new float[m * k];
                        for (int i = 0; i < m; i++)
                            for (int p = 0; p < k; p++)
                                aShort[ta == Transpose.No ? (i * k) + p : (p * m) + i] = aTall[ta == Transpose.No ? (i * k) + p : (p * tall) + i];
                        int ldb = tb == Transpose.No ? n : k;
                        float[] cShort = cInit[..(m * n)], cTall = (float[])cInit.Clone();
                        Sgemm.Multiply(kind, 1, ta, tb, m, n, k, aShort, ta == Transpose.No ? k : m, b, ldb, beta, cShort, n);
                        Sgemm.Multiply(kind, 1, ta, tb, tall, n, k, aTall, ta == Transpose.No ? k : tall, b, ldb, beta, cTall, n);
                        Assert.True(cShort.AsSpan().SequenceEqual(cTall.AsSpan(0, m * n)), $"{kind} {ta}{tb} m={m} beta={beta}");
                    }
    }

    [Fact]
    public void Multiply_WithZeroK_ClearsCForBetaZeroAndScalesOtherwise()
    {
        float[] c = [float.NaN, 2f];
        Sgemm.Multiply(Transpose.No, Transpose.No, 1, 2, 0, [], 0, [], 2, 0f, c, 2);
        Assert.Equal(new[] { 0f, 0f }, c);
        float[] d = [1f, 2f];
        Sgemm.Multiply(Transpose.No, Transpose.No, 1, 2, 0, [], 0, [], 2, 3f, d, 2);
        Assert.Equal(new[] { 3f, 6f }, d);
    }

    [Fact]
    public void Multiply_Throws_WhenASpanIsTooShortForItsShape()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[3];
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(Transpose.No, Transpose.No, 2, 2, 3, a, 3, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(Transpose.No, Transpose.No, 2, 2, 3, a, 2, b, 2, 0f, new float[4], 2));
    }

    [Fact]
    public void ActivePath_IsConsistentWithHardwareFlags()
    {
        string expected = Avx512F.IsSupported ? "Avx512"
            : Avx2.IsSupported && Fma.IsSupported ? "Avx2Fma"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "Scalar";
        Assert.StartsWith(expected, Sgemm.ActivePath, StringComparison.Ordinal);
    }
}
