using Dendrite.Data.Idx;
using Dendrite.Data.Loading;

namespace Dendrite.Data;

/// <summary>
/// Fashion-MNIST (Zalando): 28×28 grey images of clothing, 60,000 for training and 10,000 for testing,
/// pixels scaled to [0, 1] (value/255), 10 classes.
/// </summary>
public static class FashionMnist
{
    /// <summary>Width and height of each image in pixels.</summary>
    public const int ImageSide = 28;
    /// <summary>Features per sample: 784 pixels, row-major, each value/255 in [0, 1].</summary>
    public const int FeatureCount = ImageSide * ImageSide;

    /// <summary>The 10 class names in label order: 0 = "t-shirt" … 9 = "ankle boot" (lower case).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"];

    /// <summary>
    /// Loads the data set, looking in this order: <paramref name="dataDirectory"/> (when given, only there),
    /// the user cache folder, the Debian package folder /usr/share/datasets/fashion-mnist, and finally a download
    /// from the official location into the cache with SHA-256 verification. Throws a DendriteException that lists
    /// every option when all fail. <paramref name="log"/> receives one-line progress notes; <paramref name="idxOptions"/>
    /// limits what the files' headers may claim (<see cref="IdxReadOptions.Default"/> when null).
    /// </summary>
    public static FashionMnistData Load(string? dataDirectory = null, Action<string>? log = null, IdxReadOptions? idxOptions = null)
        => FashionMnistLocator.CreateDefault().Load(dataDirectory, log, idxOptions);

    /// <summary>
    /// Loads both splits from a folder holding the four files. <paramref name="imageSide"/> is
    /// <see cref="ImageSide"/> for the real data; tests pass smaller sizes for tiny files.
    /// </summary>
    internal static FashionMnistData LoadDirectory(string directory, string source, int imageSide, IdxReadOptions? idxOptions = null)
    {
        InMemoryDataset train = LoadSplit(directory, FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels, imageSide, idxOptions);
        InMemoryDataset test = LoadSplit(directory, FashionMnistFiles.TestImages, FashionMnistFiles.TestLabels, imageSide, idxOptions);
        return new FashionMnistData(train, test, source);
    }

    private static InMemoryDataset LoadSplit(string directory, string imagesName, string labelsName, int imageSide, IdxReadOptions? idxOptions)
    {
        IdxFile images = IdxReader.Read(FindOrThrow(directory, imagesName), idxOptions);
        IdxFile labels = IdxReader.Read(FindOrThrow(directory, labelsName), idxOptions);
        return IdxDataset.FromImagesAndLabels(images, labels, ClassNames.Count, imageSide);
    }

    private static string FindOrThrow(string directory, string name)
        => FashionMnistFiles.Find(directory, name)
           ?? throw new DatasetNotFoundException($"{Path.Combine(directory, name)}(.gz): Fashion-MNIST file not found");
}
