using System.Buffers.Binary;
using Dendrite.Data.Loading;
using Dendrite.Random;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>
/// Writes a learnable Fashion-MNIST-shaped folder (raw IDX, 28×28, 10 classes): class c has a bright 6×6 patch at
/// a class-specific place, plus uniform noise.
/// </summary>
internal static class SyntheticIdx
{
    public static void Write(string dir, int trainCount, int testCount)
    {
        Directory.CreateDirectory(dir);
        WriteSplit(dir, FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels, trainCount, 1);
        WriteSplit(dir, FashionMnistFiles.TestImages, FashionMnistFiles.TestLabels, testCount, 2);
    }

    private static void WriteSplit(string dir, string imagesName, string labelsName, int count, ulong seed)
    {
        var rng = new Rng(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int c = rng.NextInt(10);
            labels[i] = (byte)c;
            for (int p = 0; p < 784; p++) pixels[i * 784 + p] = (byte)rng.NextInt(100);
            int top = 2 + c / 5 * 12, left = 2 + c % 5 * 5;
            for (int y = 0; y < 6; y++)
                for (int x = 0; x < 6; x++) pixels[i * 784 + (top + y) * 28 + left + x] = 255;
        }
        File.WriteAllBytes(Path.Combine(dir, imagesName), Idx([count, 28, 28], pixels));
        File.WriteAllBytes(Path.Combine(dir, labelsName), Idx([count], labels));
    }

    private static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }
}
