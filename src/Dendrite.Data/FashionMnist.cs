namespace Dendrite.Data;

/// <summary>
/// Fashion-MNIST (Zalando): 28×28 grey images of clothing, 60,000 for training and 10,000 for testing,
/// pixels scaled to [0, 1] (value/255), 10 classes.
/// </summary>
public static class FashionMnist
{
    public const int ImageSide = 28;
    public const int FeatureCount = ImageSide * ImageSide;

    public static IReadOnlyList<string> ClassNames { get; } =
        ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"];

    /// <summary>
    /// Loads the data set, looking in this order: <paramref name="dataDirectory"/> (when given, only there),
    /// the user cache folder, the Debian package folder /usr/share/datasets/fashion-mnist, and finally a download
    /// from the official location into the cache with SHA-256 verification. Throws a DendriteException that lists
    /// every option when all fail. <paramref name="log"/> receives one-line progress notes.
    /// </summary>
    public static FashionMnistData Load(string? dataDirectory = null, Action<string>? log = null)
        => throw new NotImplementedException();
}
