using Dendrite.Data.Idx;

namespace Dendrite.Data.Tests.Idx;

public class IdxDatasetTests
{
    [Theory]
    [InlineData(1, 16)] // every byte value once
    [InlineData(3, 5)]  // 75 pixels: vector tails
    [InlineData(7, 28)] // Fashion-MNIST's image size
    public void FromImagesAndLabels_ScalesEveryPixelToTheCorrectlyRoundedQuotient(int count, int side)
    {
        byte[] pixels = IdxBytes.Ramp(count * side * side);
        var images = new IdxFile("images", [count, side, side], pixels);
        var labels = new IdxFile("labels", [count], new byte[count]);
        InMemoryDataset data = IdxDataset.FromImagesAndLabels(images, labels, 10);
        Assert.Equal(side * side, data.FeatureCount);
        for (int i = 0; i < pixels.Length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(pixels[i] / 255f), BitConverter.SingleToInt32Bits(data.Features[i]));
    }

    [Fact]
    public void FromImagesAndLabels_ImageFileOfRank255_NamesItsShapeInOneShortLine()
    {
        // A header may declare 255 dimensions of size 1: a valid one-byte file whose full shape is 765 characters.
        var images = new IdxFile("images", Enumerable.Repeat(1, 255).ToArray(), [0]);
        var labels = new IdxFile("labels", [1], [0]);

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.FromImagesAndLabels(images, labels, 10));

        Assert.Contains("found [1, 1, 1, 1, 1, 1, …, 1] (255 dimensions)", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 150, e.Message);
    }
}
