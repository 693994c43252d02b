using Dendrite.Data.Loading;
using Dendrite.Data.Tests.Idx;

namespace Dendrite.Data.Tests;

/// <summary>Writes a miniature Fashion-MNIST folder: four IDX files with <c>side</c>×<c>side</c> images.</summary>
internal static class TinyFashionMnist
{
    public const int TrainCount = 7;
    public const int TestCount = 3;

    /// <summary>Pixel value of sample i, pixel p, in split s (0 train, 1 test): distinct and easy to check.</summary>
    public static byte Pixel(int split, int sample, int pixel) => (byte)((split * 100 + sample * 10 + pixel) % 256);

    public static int Label(int split, int sample) => (sample + split * 3) % 10;

    /// <summary>Writes the four files into <paramref name="directory"/>, gzipped or raw.</summary>
    public static void Write(string directory, int side = 2, bool gzip = true, int? trainLabelCount = null)
    {
        Directory.CreateDirectory(directory);
        WriteSplit(directory, FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels, 0, TrainCount,
                   trainLabelCount ?? TrainCount, side, gzip);
        WriteSplit(directory, FashionMnistFiles.TestImages, FashionMnistFiles.TestLabels, 1, TestCount, TestCount, side, gzip);
    }

    /// <summary>The bytes of each file as the official server would send them (gzipped).</summary>
    public static Dictionary<string, byte[]> GzipFiles(int side = 2)
    {
        using var temp = new TestKit.TempDirectory();
        Write(temp.Path, side, gzip: true);
        return FashionMnistFiles.Names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(temp.Path, n + ".gz")));
    }

    private static void WriteSplit(string directory, string imagesName, string labelsName, int split, int count,
                                   int labelCount, int side, bool gzip)
    {
        int pixels = side * side;
        var images = new byte[count * pixels];
        for (int i = 0; i < count; i++)
            for (int p = 0; p < pixels; p++)
                images[i * pixels + p] = Pixel(split, i, p);
        var labels = new byte[labelCount];
        for (int i = 0; i < labelCount; i++) labels[i] = (byte)Label(split, i);

        WriteFile(directory, imagesName, IdxBytes.Build([count, side, side], images), gzip);
        WriteFile(directory, labelsName, IdxBytes.Build([labelCount], labels), gzip);
    }

    public static void WriteFile(string directory, string name, byte[] raw, bool gzip)
    {
        if (gzip) File.WriteAllBytes(Path.Combine(directory, name + ".gz"), IdxBytes.Gzip(raw));
        else File.WriteAllBytes(Path.Combine(directory, name), raw);
    }
}
