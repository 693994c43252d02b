using Dendrite.Random;

namespace Dendrite.Tests.Random;

public class RngTests
{
    [Fact]
    public void SameSeed_GivesSameStream()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentStreams()
    {
        Assert.NotEqual(new Rng(1).NextUInt64(), new Rng(2).NextUInt64());
    }

    [Fact]
    public void NextFloat_IsInUnitInterval_AndHasMeanNearHalf()
    {
        var rng = new Rng(7);
        double sum = 0;
        for (int i = 0; i < 100_000; i++)
        {
            float x = rng.NextFloat();
            Assert.InRange(x, 0f, 0.99999994f);
            sum += x;
        }
        Assert.InRange(sum / 100_000, 0.495, 0.505);
    }

    [Fact]
    public void NextNormal_HasUnitMoments()
    {
        var rng = new Rng(3);
        double sum = 0, sumSq = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextNormal();
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(sumSq / n - mean * mean, 0.98, 1.02);
    }

    [Fact]
    public void NextInt_StaysInRange_AndCoversAllValues()
    {
        var rng = new Rng(11);
        var seen = new bool[10];
        for (int i = 0; i < 1000; i++) seen[rng.NextInt(10)] = true;
        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void State_RoundTrips_MidNormalPair()
    {
        var rng = new Rng(5);
        rng.NextNormal(); // leaves a spare normal cached
        RngState state = rng.GetState();
        float expected = rng.NextNormal();
        ulong expectedRaw = rng.NextUInt64();
        rng.SetState(state);
        Assert.Equal(expected, rng.NextNormal());
        Assert.Equal(expectedRaw, rng.NextUInt64());
    }

    [Fact]
    public void Shuffle_IsAPermutation()
    {
        var items = Enumerable.Range(0, 100).ToArray();
        new Rng(9).Shuffle<int>(items);
        Assert.Equal(Enumerable.Range(0, 100), items.OrderBy(x => x));
        Assert.NotEqual(Enumerable.Range(0, 100), items);
    }

    [Fact]
    public void Permutation_IsTheShuffledIdentity_AndAdvancesTheStreamAlike()
    {
        var items = Enumerable.Range(0, 50).ToArray();
        Rng a = new(4), b = new(4);
        a.Shuffle<int>(items);

        Assert.Equal(items, b.Permutation(50));
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.Empty(new Rng(1).Permutation(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rng(1).Permutation(-1));
    }
}
