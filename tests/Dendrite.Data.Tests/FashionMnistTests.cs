using Dendrite.Data.Idx;
using Dendrite.Data.Loading;
using Dendrite.Data.Tests.Idx;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests;

public sealed class FashionMnistTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoadDirectory_TinyFiles_ScalesPixelsAndKeepsLabels(bool gzip)
    {
        TinyFashionMnist.Write(_temp.Path, side: 2, gzip);

        FashionMnistData data = FashionMnist.LoadDirectory(_temp.Path, "here", imageSide: 2);

        Assert.Equal("here", data.Source);
        AssertSplit(data.Train, split: 0, TinyFashionMnist.TrainCount);
        AssertSplit(data.Test, split: 1, TinyFashionMnist.TestCount);
    }

    private static void AssertSplit(InMemoryDataset set, int split, int count)
    {
        Assert.Equal(count, set.Count);
        Assert.Equal(4, set.FeatureCount);
        Assert.Equal(10, set.ClassCount);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(TinyFashionMnist.Label(split, i), set.Labels[i]);
            for (int p = 0; p < 4; p++)
                Assert.Equal(TinyFashionMnist.Pixel(split, i, p) / 255f, set.Features[i * 4 + p]);
        }
    }

    [Fact]
    public void LoadDirectory_MixOfGzipAndRawFiles_Loads()
    {
        TinyFashionMnist.Write(_temp.Path, side: 2, gzip: true);
        File.Delete(Path.Combine(_temp.Path, FashionMnistFiles.TestLabels + ".gz"));
        TinyFashionMnist.WriteFile(_temp.Path, FashionMnistFiles.TestLabels, IdxBytes.Build([3], [9, 8, 7]), gzip: false);

        FashionMnistData data = FashionMnist.LoadDirectory(_temp.Path, "here", imageSide: 2);

        Assert.Equal([9, 8, 7], data.Test.Labels);
    }

    [Fact]
    public void Load_PassesTheIdxLimitToEveryFile()
    {
        // 7 images of 28×28 = 5488 elements: within the default limit, above a limit of 5000.
        TinyFashionMnist.Write(_temp.Path, side: FashionMnist.ImageSide);

        var e = Assert.Throws<DataFormatException>(() => FashionMnist.Load(_temp.Path, idxOptions: new IdxReadOptions { MaxElements = 5000 }));

        Assert.Contains(FashionMnistFiles.TrainImages, e.Message, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 5000 elements", e.Message, StringComparison.Ordinal);
        Assert.Equal(TinyFashionMnist.TrainCount, FashionMnist.Load(_temp.Path).Train.Count);
    }

    [Fact]
    public void LoadDirectory_ImageAndLabelCountsDiffer_ThrowsNamingBothFiles()
    {
        TinyFashionMnist.Write(_temp.Path, side: 2, trainLabelCount: TinyFashionMnist.TrainCount - 2);

        var e = Assert.Throws<DataFormatException>(() => FashionMnist.LoadDirectory(_temp.Path, "here", imageSide: 2));

        Assert.Contains(FashionMnistFiles.TrainImages, e.Message, StringComparison.Ordinal);
        Assert.Contains(FashionMnistFiles.TrainLabels, e.Message, StringComparison.Ordinal);
        Assert.Contains($"{TinyFashionMnist.TrainCount} images", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{TinyFashionMnist.TrainCount - 2} labels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_LabelAbove9_Throws()
    {
        TinyFashionMnist.Write(_temp.Path, side: 2);
        TinyFashionMnist.WriteFile(_temp.Path, FashionMnistFiles.TestLabels, IdxBytes.Build([3], [0, 10, 1]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => FashionMnist.LoadDirectory(_temp.Path, "here", imageSide: 2));

        Assert.Contains("label 10 at index 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("0..9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_ImagesOfWrongRank_Throws()
    {
        TinyFashionMnist.Write(_temp.Path, side: 2);
        TinyFashionMnist.WriteFile(_temp.Path, FashionMnistFiles.TrainImages, IdxBytes.Build([7, 4], new byte[28]), gzip: true);

        var e = Assert.Throws<DataFormatException>(() => FashionMnist.LoadDirectory(_temp.Path, "here", imageSide: 2));

        Assert.Contains("[count, rows, columns], found [7, 4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ImagesThatAreNot28By28_AreRejected()
    {
        TinyFashionMnist.Write(_temp.Path, side: 2);

        var e = Assert.Throws<DataFormatException>(() => FashionMnist.Load(_temp.Path));

        Assert.Contains("expected 28×28 images, found 2×2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GivenDirectoryWithoutTheFiles_ThrowsNotFoundNamingItAndTheFiles()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(_temp.Path));

        Assert.Contains(_temp.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message, StringComparison.Ordinal);
    }
}
