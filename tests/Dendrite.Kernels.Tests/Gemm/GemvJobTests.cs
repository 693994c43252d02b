using Dendrite.Kernels.Gemm;
using static Dendrite.Kernels.Tests.Gemm.GemmReference;

namespace Dendrite.Kernels.Tests.Gemm;

[Collection(nameof(ThreadPoolUsers))]
public class GemvJobTests
{
    [Theory]
    [InlineData(Transpose.Yes, 8)]
    [InlineData(Transpose.No, 16)]
    public void ChunkStart_TilesTheColumnsInWholeBlocks_WithTheCallersChunkNoSmaller(Transpose transB, int block)
    {
        foreach (int n in new[] { 32, 33, 100, 256, 257, 1000, 4099 })
            foreach (int k in new[] { 1, 7, 100, 784, 5000 })
                for (int chunks = 2; chunks <= Math.Min(5, n / 16); chunks++)
                {
                    string at = $"{transB} n={n} k={k} chunks={chunks}";
                    Assert.Equal(0, GemvJob.ChunkStart(transB, n, k, chunks, 0));
                    Assert.Equal(n, GemvJob.ChunkStart(transB, n, k, chunks, chunks));
                    int[] starts = [.. Enumerable.Range(0, chunks + 1).Select(i => GemvJob.ChunkStart(transB, n, k, chunks, i))];
                    for (int i = 0; i < chunks; i++)
                    {
                        Assert.True(starts[i] < starts[i + 1], $"{at}: chunk {i} is empty ({starts[i]}..{starts[i + 1]})");
                        if (i > 0) Assert.True(starts[i] % block == 0, $"{at}: chunk {i} starts at {starts[i]}, not a multiple of {block}");
                    }
                    int first = starts[1], largestOther = Enumerable.Range(1, chunks - 1).Max(i => starts[i + 1] - starts[i]);
                    Assert.True(first + block >= largestOther, $"{at}: the caller's chunk ({first}) is smaller than another ({largestOther})");
                }
    }

    [Fact]
    public void ChunkStart_GivesTheCallerTheMeasuredLead_OnTheMlpsFirstLayer()
    {
        // 784 → 256, weights as rows: 48 KB of lead is 16 rows of 3136 bytes, so the caller takes 136 rows.
        Assert.Equal(136, GemvJob.ChunkStart(Transpose.Yes, 256, 784, 2, 1));
        // A long k leaves nothing to lead by, so the split is even again.
        Assert.Equal(128, GemvJob.ChunkStart(Transpose.Yes, 256, 100_000, 2, 1));
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void Multiply_GemvSplitWritesEveryColumnOnce_SoAccumulatingGivesOneThreadsBits(int kindValue)
    {
        // With beta = 1 a column computed by two chunks would be accumulated twice, and a skipped one not at all.
        // (The scalar kind has no GEMV path: for it these products are GEMMs too small to split.)
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(21);
        foreach (Transpose tb in new[] { Transpose.No, Transpose.Yes })
            foreach (var (n, k) in new[] { (256, 784), (257, 400), (1000, 100), (4099, 30), (300, 2000) })
            {
                int ldb = tb == Transpose.No ? n : k;
                float[] x = RandomArray(rng, k), b = RandomArray(rng, n * k), c0 = RandomArray(rng, n);
                float[] one = (float[])c0.Clone();
                Sgemm.Multiply(kind, 1, Transpose.No, tb, 1, n, k, x, k, b, ldb, 1f, one, n);
                foreach (int threads in new[] { 2, 3 })
                {
                    float[] c = (float[])c0.Clone();
                    Sgemm.Multiply(kind, threads, Transpose.No, tb, 1, n, k, x, k, b, ldb, 1f, c, n);
                    Assert.True(one.AsSpan().SequenceEqual(c), $"{kind} {tb} n={n} k={k}: {threads} threads differ from one");
                }
            }
    }
}
