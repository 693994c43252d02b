using Dendrite.Random;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Tests.Policy;

public class ValidationSplitTests
{
    [Fact]
    public void Split_IsDeterministicBySeed_Disjoint_AndCoversTheSet()
    {
        // Feature 0 of sample i is i, so each part reveals which samples it holds.
        var data = new Data.InMemoryDataset([.. Enumerable.Range(0, 50).Select(i => (float)i)], 1, new int[50], 2);
        var (train, val) = ValidationSplit.Split(data, 0.2, new Rng(3));
        var (train2, val2) = ValidationSplit.Split(data, 0.2, new Rng(3));
        var (_, val3) = ValidationSplit.Split(data, 0.2, new Rng(4));
        Assert.Equal(10, val.Count);
        Assert.Equal(40, train.Count);
        Assert.Equal(val.Features, val2.Features);
        Assert.Equal(train.Features, train2.Features);
        Assert.NotEqual(val.Features, val3.Features);
        Assert.Empty(train.Features.Intersect(val.Features));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), train.Features.Concat(val.Features).Order());
    }

    [Fact]
    public void Split_KeepsLabelsWithTheirFeatures()
    {
        var data = new Data.InMemoryDataset([.. Enumerable.Range(0, 20).Select(i => (float)i)], 1, [.. Enumerable.Range(0, 20).Select(i => i % 3)], 3);
        var (train, val) = ValidationSplit.Split(data, 0.3, new Rng(1));
        for (int i = 0; i < val.Count; i++) Assert.Equal((int)val.Features[i] % 3, val.Labels[i]);
        for (int i = 0; i < train.Count; i++) Assert.Equal((int)train.Features[i] % 3, train.Labels[i]);
    }
}
