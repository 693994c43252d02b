using Dendrite.Kernels.Elementwise;

namespace Dendrite.Kernels.Tests.Elementwise;

public class RowGatherTests
{
    private static float[] Source(int rows, int width)
    {
        var s = new float[rows * width];
        for (int i = 0; i < s.Length; i++) s[i] = i + 0.5f;
        return s;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 2)]
    [InlineData(256, 784, 1)]
    [InlineData(256, 784, 2)]
    [InlineData(255, 784, 3)]
    [InlineData(300, 129, 2)]
    public void Gather_CopiesTheIndexedRows_ForAnyThreadCount(int count, int width, int threads)
    {
        const int sourceRows = 400;
        float[] source = Source(sourceRows, width);
        var rng = new Random(count + width);
        int[] rows = Enumerable.Range(0, count).Select(_ => rng.Next(sourceRows)).ToArray();
        float[] target = new float[(count * width) + 5];
        Array.Fill(target, -1f);
        RowGather.Gather(source, width, rows, target, threads);
        for (int i = 0; i < count; i++)
            Assert.True(source.AsSpan(rows[i] * width, width).SequenceEqual(target.AsSpan(i * width, width)), $"row {i}");
        Assert.All(target[(count * width)..], v => Assert.Equal(-1f, v)); // nothing written past the batch
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gather_WithAStride_CopiesTheFirstColsOfEachRow_UpToThePartialLastRow(int threads)
    {
        const int stride = 10, cols = 7, count = 300;
        float[] source = Source(count, stride)[..((count - 1) * stride + cols)]; // the last row ends after its cols
        var rng = new Random(3);
        int[] rows = Enumerable.Range(0, 5000).Select(_ => rng.Next(count)).Append(count - 1).ToArray();
        float[] target = new float[rows.Length * cols];
        RowGather.Gather(source, stride, cols, rows, target, threads);
        for (int i = 0; i < rows.Length; i++)
            Assert.True(source.AsSpan(rows[i] * stride, cols).SequenceEqual(target.AsSpan(i * cols, cols)), $"row {i}");
        Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Gather(source, stride, cols, [count], target, threads));
    }

    [Fact]
    public void Gather_Throws_ForARowIndexOutsideTheSource()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Gather(new float[12], 4, [0, 3], new float[8], 1));
        Assert.Contains("row index 3 at position 1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Gather(new float[12], 4, [-1], new float[4], 1));
    }

    [Fact]
    public void Gather_Throws_ForATargetTooShort()
    {
        Assert.Throws<ArgumentException>(() => RowGather.Gather(new float[12], 4, [0, 1], new float[7], 1));
    }
}
