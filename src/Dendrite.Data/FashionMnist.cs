using System.Runtime.ExceptionServices;
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
    /// limits what the files' headers may claim (<see cref="IdxReadOptions.Default"/> when null); <paramref name="cache"/>,
    /// when given, keeps decoded copies of the gzipped files so that later loads skip decompression.
    /// </summary>
    public static FashionMnistData Load(string? dataDirectory = null, Action<string>? log = null, IdxReadOptions? idxOptions = null,
                                        IdxCache? cache = null)
        => FashionMnistLocator.CreateDefault().Load(dataDirectory, log, idxOptions, cache);

    /// <summary>
    /// Loads both splits from a folder holding the four files. <paramref name="imageSide"/> is
    /// <see cref="ImageSide"/> for the real data; tests pass smaller sizes for tiny files.
    /// </summary>
    /// <remarks>
    /// The training images (85% of the bytes) are read on a second thread while this one reads the other three
    /// files. Errors are still reported in the order of a sequential load: training images, training labels, the
    /// training split's checks, test images, test labels, the test split's checks.
    /// </remarks>
    internal static FashionMnistData LoadDirectory(string directory, string source, int imageSide, IdxReadOptions? idxOptions = null,
                                                   IdxCache? cache = null)
    {
        string[] paths = [.. new[] { FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels, FashionMnistFiles.TestImages, FashionMnistFiles.TestLabels }
            .Select(name => FindOrThrow(directory, name))];
        IdxFile Read(string path) => cache is null ? IdxReader.Read(path, idxOptions) : cache.Read(path, idxOptions);

        Task<IdxFile> trainImages = Task.Run(() => Read(paths[0]));
        var rest = new IdxFile?[3];
        ExceptionDispatchInfo? failure = null;
        int failedAt = rest.Length;
        for (int i = 0; i < rest.Length && failure is null; i++)
        {
            try
            {
                rest[i] = Read(paths[i + 1]);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
                failedAt = i;
            }
        }
        IdxFile images = trainImages.GetAwaiter().GetResult();
        if (failedAt == 0) failure!.Throw();
        InMemoryDataset train = IdxDataset.FromImagesAndLabels(images, rest[0]!, ClassNames.Count, imageSide);
        failure?.Throw();
        InMemoryDataset test = IdxDataset.FromImagesAndLabels(rest[1]!, rest[2]!, ClassNames.Count, imageSide);
        return new FashionMnistData(train, test, source);
    }

    private static string FindOrThrow(string directory, string name)
        => FashionMnistFiles.Find(directory, name)
           ?? throw new DatasetNotFoundException($"{Path.Combine(directory, name)}(.gz): Fashion-MNIST file not found");
}
