using Dendrite.Kernels.Gemm;
using static Dendrite.Kernels.Tests.Gemm.GemmReference;

namespace Dendrite.Kernels.Tests.Gemm;

[Collection(nameof(ThreadPoolUsers))]
public class SgemmRowsTests
{
    private static float[] GatherRows(float[] source, int ld, int[] rows, int cols)
    {
        var g = new float[rows.Length * cols];
        for (int i = 0; i < rows.Length; i++) Array.Copy(source, rows[i] * ld, g, i * cols, cols);
        return g;
    }

    [Theory]
    [MemberData(nameof(SupportedKinds), MemberType = typeof(GemmReference))]
    public void MultiplyRows_IsBitIdenticalToGatheringFirst_ForMappedAOrB(int kindValue)
    {
        // The MLP's two uses (x·Wᵀ with A mapped, dZᵀ·X with B mapped) plus narrow, GEMV and odd shapes that take
        // the fallback; 1 to 3 threads.
        var kind = (GemmKernelKind)kindValue;
        var rng = new Random(12);
        const int sourceRows = 300;
        (Transpose TA, Transpose TB, int M, int N, int K, bool MapA)[] cases =
        [
            (Transpose.No, Transpose.Yes, 256, 256, 784, true),
            (Transpose.Yes, Transpose.No, 256, 784, 256, false),
            (Transpose.No, Transpose.Yes, 256, 10, 784, true),  // softmax regression: a swapped (narrow) product
            (Transpose.Yes, Transpose.No, 10, 784, 256, false),
            (Transpose.No, Transpose.No, 37, 45, 29, true),
            (Transpose.No, Transpose.No, 19, 70, 23, false),
            (Transpose.No, Transpose.Yes, 1, 256, 784, true),   // batch 1: GEMV
            (Transpose.Yes, Transpose.No, 256, 784, 1, false),
        ];
        foreach (var (ta, tb, m, n, k, mapA) in cases)
            foreach (int threads in new[] { 1, 2, 3 })
            {
                int storedCols = mapA ? k : n;          // the mapped operand is untransposed: rows of k (A) or n (B)
                int ld = storedCols + 3;                // padded leading dimension
                float[] source = RandomArray(rng, sourceRows * ld);
                int[] rows = Enumerable.Range(0, mapA ? m : k).Select(_ => rng.Next(sourceRows)).ToArray();
                float[] other = mapA ? RandomArray(rng, k * n) : RandomArray(rng, m * k);
                int ldOther = mapA ? (tb == Transpose.No ? n : k) : (ta == Transpose.No ? k : m);
                float[] expected = RandomArray(rng, m * n), actual = (float[])expected.Clone();
                float[] gathered = GatherRows(source, ld, rows, storedCols);
                if (mapA)
                {
                    Sgemm.Multiply(kind, threads, ta, tb, m, n, k, gathered, k, other, ldOther, 1f, expected, n);
                    Sgemm.MultiplyRows(kind, threads, ta, tb, m, n, k, source, ld, rows, other, ldOther, [], 1f, actual, n);
                }
                else
                {
                    Sgemm.Multiply(kind, threads, ta, tb, m, n, k, other, ldOther, gathered, n, 0f, expected, n);
                    Sgemm.MultiplyRows(kind, threads, ta, tb, m, n, k, other, ldOther, [], source, ld, rows, 0f, actual, n);
                }
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{kind} t={threads} {ta}{tb} {m}x{n}x{k} map {(mapA ? "A" : "B")}");
            }
    }

    [Fact]
    public void MultiplyRows_Rejects_AMapOnATransposedOperand_AWrongLength_AndARowOutside()
    {
        float[] a = new float[12], b = new float[12], c = new float[9];
        Assert.Throws<ArgumentException>(() => Sgemm.MultiplyRows(Transpose.Yes, Transpose.No, 3, 3, 4, a, 3, [0, 1, 2, 3], b, 3, [], 0f, c, 3));
        Assert.Throws<ArgumentException>(() => Sgemm.MultiplyRows(Transpose.No, Transpose.No, 3, 3, 4, a, 4, [0, 1], b, 3, [], 0f, c, 3));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.MultiplyRows(Transpose.No, Transpose.No, 3, 3, 4, a, 4, [0, 1, 3], b, 3, [], 0f, c, 3));
        Assert.Contains("row index 3 at position 2", e.Message);
    }
}
