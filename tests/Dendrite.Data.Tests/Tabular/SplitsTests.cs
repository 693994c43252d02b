using Dendrite.Data.Tabular;
using Dendrite.Random;

namespace Dendrite.Data.Tests.Tabular;

public sealed class SplitsTests
{
    public static TheoryData<int, int> FoldCases => new() { { 2, 2 }, { 5, 5 }, { 10, 3 }, { 11, 4 }, { 100, 7 }, { 1460, 5 }, { 17, 10 } };

    [Theory]
    [MemberData(nameof(FoldCases))]
    public void KFold_PartitionsTheRows_EachHeldOutExactlyOnce(int n, int k)
    {
        IReadOnlyList<SplitIndices> folds = Splits.KFold(n, k, new Rng(42));

        Assert.Equal(k, folds.Count);
        var heldOut = new int[n];
        foreach ((int[] train, int[] test) in folds)
        {
            foreach (int i in test) heldOut[i]++;
            Assert.Empty(train.Intersect(test));
            Assert.Equal(Enumerable.Range(0, n), train.Concat(test).Order());
            Assert.Equal(train.Order(), train);
            Assert.Equal(test.Order(), test);
        }
        Assert.All(heldOut, count => Assert.Equal(1, count));
        int[] sizes = folds.Select(f => f.Test.Length).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, $"fold sizes {string.Join(", ", sizes)}");
    }

    [Fact]
    public void KFold_IsReproducibleBySeed_AndShuffles()
    {
        int[][] a = Splits.KFold(50, 5, new Rng(7)).Select(f => f.Test).ToArray();
        int[][] b = Splits.KFold(50, 5, new Rng(7)).Select(f => f.Test).ToArray();
        int[][] c = Splits.KFold(50, 5, new Rng(8)).Select(f => f.Test).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(Enumerable.Range(0, 10), a[0]); // not simply consecutive blocks of the file
    }

    [Theory]
    [InlineData(10, 0.2, 2)]
    [InlineData(1460, 0.25, 365)]
    [InlineData(3, 0.01, 1)]
    [InlineData(3, 0.99, 2)]
    public void TrainTest_HoldsOutTheRoundedFraction_AndPartitions(int n, double fraction, int expectedTest)
    {
        (int[] train, int[] test) = Splits.TrainTest(n, fraction, new Rng(1));

        Assert.Equal(expectedTest, test.Length);
        Assert.Equal(Enumerable.Range(0, n), train.Concat(test).Order());
    }

    [Fact]
    public void TrainTest_IsReproducibleBySeed()
    {
        SplitIndices a = Splits.TrainTest(100, 0.3, new Rng(5));
        SplitIndices b = Splits.TrainTest(100, 0.3, new Rng(5));
        SplitIndices c = Splits.TrainTest(100, 0.3, new Rng(6));

        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(3, 4)]
    public void KFold_RejectsImpossibleFoldCounts(int n, int k)
    {
        Assert.Throws<DendriteException>(() => Splits.KFold(n, k, new Rng(0)));
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(10, 0)]
    [InlineData(10, 1)]
    [InlineData(10, double.NaN)]
    public void TrainTest_RejectsImpossibleSplits(int n, double fraction)
    {
        Assert.Throws<DendriteException>(() => Splits.TrainTest(n, fraction, new Rng(0)));
    }
}
