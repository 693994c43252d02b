using System.Runtime.CompilerServices;
using Dendrite.Nn.Fused;

namespace Dendrite.Tests.Nn.Fused;

public class AlignedArrayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(1000)]
    public unsafe void StartsOnACacheLine_AndHoldsItsLength(int length)
    {
        for (int attempt = 0; attempt < 8; attempt++) // several allocations, so some land off a line boundary
        {
            var a = new AlignedArray(length);
            Assert.Equal(length, a.Length);
            Span<float> all = a.AsSpan(0, length);
            Assert.Equal(0, (nint)Unsafe.AsPointer(ref all[0]) & 63);
            all.Fill(3f);
            Assert.Equal(3f, a.AsSpan(length - 1, 1)[0]);
        }
    }

    [Fact]
    public void AsSpan_RejectsARangeBeyondTheLength()
    {
        var a = new AlignedArray(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.AsSpan(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedArray(-1));
    }
}
