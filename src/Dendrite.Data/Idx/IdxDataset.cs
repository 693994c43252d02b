using Dendrite.Kernels.Memory;

namespace Dendrite.Data.Idx;

/// <summary>Turns an IDX image file and an IDX label file into an <see cref="InMemoryDataset"/>.</summary>
public static class IdxDataset
{
    /// <summary>
    /// Builds a dataset from images [N, rows, columns] and labels [N]: features[i, r·columns + c] =
    /// images[i, r, c] / 255 (so pixels lie in [0, 1]), labels must lie in [0, <paramref name="classCount"/>).
    /// </summary>
    /// <param name="images">Unsigned-byte images, shape [N, rows, columns].</param>
    /// <param name="labels">Unsigned-byte class labels, shape [N].</param>
    /// <param name="classCount">Number of classes; every label must be below it.</param>
    /// <param name="expectedSide">When given, images must be exactly this many pixels on each side.</param>
    /// <exception cref="DataFormatException">Ranks, counts, image size or a label are not as expected.</exception>
    public static InMemoryDataset FromImagesAndLabels(IdxFile images, IdxFile labels, int classCount, int? expectedSide = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (images.Rank != 3)
            throw new DataFormatException(
                $"{images.Path}: expected an image file of shape [count, rows, columns], found {images.ShapeString}");
        if (labels.Rank != 1)
            throw new DataFormatException($"{labels.Path}: expected a label file of shape [count], found {labels.ShapeString}");
        int count = images.Dimensions[0], rows = images.Dimensions[1], columns = images.Dimensions[2];
        if (expectedSide is int side && (rows != side || columns != side))
            throw new DataFormatException(
                $"{images.Path}: expected {side}×{side} images, found {rows}×{columns} (shape {images.ShapeString})");
        if (labels.Dimensions[0] != count)
            throw new DataFormatException(
                $"{images.Path} holds {count} images but {labels.Path} holds {labels.Dimensions[0]} labels; they must match");

        var labelValues = new int[count];
        byte[] rawLabels = labels.Data;
        for (int i = 0; i < count; i++)
        {
            int label = rawLabels[i];
            if (label >= classCount)
                throw new DataFormatException(
                    $"{labels.Path}: label {label} at index {i} is out of range, expected 0..{classCount - 1}");
            labelValues[i] = label;
        }

        byte[] pixels = images.Data;
        // On 2 MB pages where Linux offers them: filling Fashion-MNIST's 188 MB then takes a fraction of the page faults.
        float[] features = HugePages.AllocateFloats(pixels.Length);
        PixelScaling.Scale(pixels, features);
        return new InMemoryDataset(features, rows * columns, labelValues, classCount);
    }
}
