namespace Dendrite.Data.Loading;

/// <summary>
/// The four files of Fashion-MNIST, where the official copies live and their SHA-256 checksums.
/// </summary>
public static class FashionMnistFiles
{
    /// <summary>Base name of the 60,000 training images, [60000, 28, 28] bytes.</summary>
    public const string TrainImages = "train-images-idx3-ubyte";
    /// <summary>Base name of the 60,000 training labels, one byte in 0..9 each.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";
    /// <summary>Base name of the 10,000 test images, [10000, 28, 28] bytes.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";
    /// <summary>Base name of the 10,000 test labels, one byte in 0..9 each.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Base names (without .gz); a folder may hold each one gzipped (name.gz) or raw (name).</summary>
    public static IReadOnlyList<string> Names { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The official download location; a file's URL is this plus "name.gz".</summary>
    public static Uri OfficialBaseUri { get; } = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /// <summary>
    /// SHA-256 of the official name.gz files. Their MD5s match the official README; the Debian package
    /// dataset-fashion-mnist holds the same deflate streams behind a gzip header without the file name, and the
    /// tests rebuild the official files from it to check these values.
    /// </summary>
    public static string OfficialSha256(string name) => name switch
    {
        TrainImages => "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        TrainLabels => "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        TestImages => "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        TestLabels => "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
        _ => throw new ArgumentException($"not a Fashion-MNIST file name: {name}", nameof(name)),
    };

    /// <summary>The path of <paramref name="name"/> in <paramref name="directory"/>: name.gz, else name, else null.</summary>
    public static string? Find(string directory, string name)
    {
        string gz = Path.Combine(directory, name + ".gz");
        if (File.Exists(gz)) return gz;
        string raw = Path.Combine(directory, name);
        return File.Exists(raw) ? raw : null;
    }

    /// <summary>The names missing from <paramref name="directory"/> (all four when it does not exist).</summary>
    public static IReadOnlyList<string> Missing(string directory)
        => Directory.Exists(directory) ? Names.Where(n => Find(directory, n) is null).ToList() : Names;
}
