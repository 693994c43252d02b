using Dendrite.Random;

namespace Dendrite.Data.Tests;

public sealed class DataLoaderTests
{
    private const int Features = 3;

    /// <summary>Sample i has features [i, i + 0.25, i + 0.5] and label i, so each row names its sample.</summary>
    private static InMemoryDataset Numbered(int count)
    {
        var features = new float[count * Features];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < Features; j++) features[i * Features + j] = i + j * 0.25f;
            labels[i] = i;
        }
        return new InMemoryDataset(features, Features, labels, Math.Max(count, 1));
    }

    /// <summary>One epoch's sample indices, checking that every row was copied whole and matches its label.</summary>
    private static List<int> Epoch(DataLoader loader, List<int>? batchSizes = null)
    {
        var seen = new List<int>();
        foreach (Batch batch in loader)
        {
            batchSizes?.Add(batch.Count);
            Assert.Equal([batch.Count, Features], batch.Features.ShapeArray);
            for (int r = 0; r < batch.Count; r++)
            {
                int sample = batch.Labels[r];
                for (int j = 0; j < Features; j++)
                    Assert.Equal(sample + j * 0.25f, batch.Features.Data[r * Features + j]);
                seen.Add(sample);
            }
        }
        return seen;
    }

    [Fact]
    public void Batches_NameTheirDatasetRows_AndWithoutGathering_OfferOnlyThose()
    {
        InMemoryDataset data = Numbered(10);
        var gathering = new DataLoader(data, 4, shuffle: true, rng: new Rng(7));
        var rowsOnly = new DataLoader(data, 4, shuffle: true, rng: new Rng(7), gatherFeatures: false);
        var withFeatures = gathering.Select(b => (b.Rows!.ToArray(), b.Labels.ToArray(), b.HasFeatures, b.Source)).ToList();
        var withoutFeatures = rowsOnly.Select(b => (b.Rows!.ToArray(), b.Labels.ToArray(), b.HasFeatures, b.Source)).ToList();
        Assert.Equal(3, withFeatures.Count);
        for (int i = 0; i < withFeatures.Count; i++)
        {
            Assert.Equal(withFeatures[i].Item1, withoutFeatures[i].Item1); // same rows, same order
            Assert.Equal(withFeatures[i].Item1, withFeatures[i].Item2);    // sample i has label i
            Assert.True(withFeatures[i].HasFeatures);
            Assert.False(withoutFeatures[i].HasFeatures);
            Assert.Same(data, withoutFeatures[i].Source);
        }
        var e = Assert.Throws<InvalidOperationException>(() => rowsOnly.First().Features);
        Assert.Contains("row indices only", e.Message);
    }

    [Fact]
    public void Unshuffled_VisitsSamplesInOrder()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4);

        Assert.Equal(Enumerable.Range(0, 10), Epoch(loader));
    }

    [Fact]
    public void Shuffled_VisitsEverySampleExactlyOncePerEpoch_InANonTrivialOrder()
    {
        var loader = new DataLoader(Numbered(100), batchSize: 7, shuffle: true, rng: new Rng(1));

        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<int> seen = Epoch(loader);
            Assert.Equal(Enumerable.Range(0, 100), seen.Order());
            Assert.NotEqual(Enumerable.Range(0, 100), seen);
        }
    }

    [Fact]
    public void Shuffled_SameSeedGivesSameOrder()
    {
        var a = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, rng: new Rng(42));
        var b = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, rng: new Rng(42));

        Assert.Equal(Epoch(a), Epoch(b));
        Assert.Equal(Epoch(a), Epoch(b));
    }

    [Fact]
    public void Shuffled_DifferentSeedsGiveDifferentOrders()
    {
        var a = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, rng: new Rng(1));
        var b = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, rng: new Rng(2));

        Assert.NotEqual(Epoch(a), Epoch(b));
    }

    [Fact]
    public void Shuffled_EachEpochHasANewOrder()
    {
        var loader = new DataLoader(Numbered(50), batchSize: 8, shuffle: true, rng: new Rng(3));

        Assert.NotEqual(Epoch(loader), Epoch(loader));
    }

    [Theory]
    [InlineData(false, 4, new[] { 3, 3, 3, 1 })]
    [InlineData(true, 3, new[] { 3, 3, 3 })]
    public void BatchSizes_FollowDropLast(bool dropLast, int expectedCount, int[] expectedSizes)
    {
        var loader = new DataLoader(Numbered(10), batchSize: 3, shuffle: true, rng: new Rng(5), dropLast: dropLast);
        var sizes = new List<int>();

        List<int> seen = Epoch(loader, sizes);

        Assert.Equal(expectedCount, loader.BatchCount);
        Assert.Equal(expectedSizes, sizes);
        Assert.Equal(expectedSizes.Sum(), seen.Distinct().Count());
        Assert.Equal(seen.Count, loader.SampleCount);
    }

    [Fact]
    public void DropLast_WithExactMultiple_KeepsEveryBatch()
    {
        var loader = new DataLoader(Numbered(12), batchSize: 4, dropLast: true);

        Assert.Equal(3, loader.BatchCount);
        Assert.Equal(Enumerable.Range(0, 12), Epoch(loader));
    }

    [Fact]
    public void BatchLargerThanDataset_GivesOnePartialBatch_OrNoneWithDropLast()
    {
        Assert.Equal([5], EpochSizes(new DataLoader(Numbered(5), batchSize: 16)));
        Assert.Empty(EpochSizes(new DataLoader(Numbered(5), batchSize: 16, dropLast: true)));
    }

    [Fact]
    public void EmptyDataset_GivesNoBatches()
    {
        var loader = new DataLoader(Numbered(0), batchSize: 4);

        Assert.Equal(0, loader.BatchCount);
        Assert.Empty(EpochSizes(loader));
    }

    private static List<int> EpochSizes(DataLoader loader)
    {
        var sizes = new List<int>();
        Epoch(loader, sizes);
        return sizes;
    }

    [Fact]
    public void FullBatches_ReuseOneBuffer_AcrossBatchesAndEpochs()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 3);
        var batches = new List<Batch>();
        for (int epoch = 0; epoch < 2; epoch++) batches.AddRange(loader);

        Assert.Equal(8, batches.Count);
        Assert.Equal(2, batches.Distinct().Count()); // one full-size batch, one partial batch
        Assert.Same(batches[0], batches[5]);
        Assert.Same(batches[3], batches[7]);
    }

    [Fact]
    public void SteadyStateEpoch_AllocatesOnlyTheEnumerator()
    {
        var loader = new DataLoader(Numbered(1000), batchSize: 64, shuffle: true, rng: new Rng(9));
        int sink = 0;
        foreach (Batch batch in loader) sink += batch.Count; // warm-up: creates the batch buffers

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (Batch batch in loader) sink += batch.Count;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2000, sink);
        Assert.True(allocated < 512, $"an epoch allocated {allocated} bytes");
    }

    [Fact]
    public void ConcurrentEnumeration_Throws_BecauseBuffersAreShared()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 3);
        using IEnumerator<Batch> first = loader.GetEnumerator();
        Assert.True(first.MoveNext());

        Assert.Throws<InvalidOperationException>(() => loader.GetEnumerator());
    }

    [Fact]
    public void EnumeratingAgain_AfterAnAbandonedEpoch_Works()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 3);
        foreach (Batch _ in loader) break;

        Assert.Equal(Enumerable.Range(0, 10), Epoch(loader));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonPositiveBatchSize_Throws(int batchSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(4), batchSize));
    }

    [Fact]
    public void ShuffleWithoutRng_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DataLoader(Numbered(4), 2, shuffle: true));
    }

    [Theory]
    [InlineData(23, 8, 3)]
    [InlineData(10, 4, 2)]
    [InlineData(7, 3, 4)]
    public void Shards_SplitEveryBatch_InOrder_AndTakeTheSameNumberOfSteps(int count, int batchSize, int shards)
    {
        var whole = Batches(new DataLoader(Numbered(count), batchSize, shuffle: true, rng: new Rng(5)));
        var parts = Enumerable.Range(0, shards)
            .Select(k => Batches(new DataLoader(Numbered(count), batchSize, shuffle: true, rng: new Rng(5), shardIndex: k, shardCount: shards)))
            .ToList();
        Assert.All(parts, p => Assert.Equal(whole.Count, p.Count));
        for (int b = 0; b < whole.Count; b++)
        {
            // Concatenated in shard order, the shards are the unsharded batch; sizes differ by at most one.
            Assert.Equal(whole[b], parts.SelectMany(p => p[b]));
            Assert.InRange(parts.Max(p => p[b].Count) - parts.Min(p => p[b].Count), 0, 1);
        }
    }

    [Fact]
    public void ShardIndex_OutsideTheShardCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(4), 2, shardIndex: 2, shardCount: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(4), 2, shardCount: 0));
    }

    private static List<List<int>> Batches(DataLoader loader)
    {
        var batches = new List<List<int>>();
        foreach (Batch batch in loader) batches.Add([.. batch.Labels]);
        return batches;
    }
}
