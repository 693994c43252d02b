using System.Globalization;
using System.Security.Cryptography;
using Dendrite.Data.Loading;
using Dendrite.Formats.Safetensors;
using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>A test that needs the real Fashion-MNIST in the Debian package folder; skipped where it is not installed.</summary>
public sealed class RequiresFashionMnistTheoryAttribute : TheoryAttribute
{
    public RequiresFashionMnistTheoryAttribute()
    {
        string[] files = [FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels, FashionMnistFiles.TestImages, FashionMnistFiles.TestLabels];
        if (!files.All(f => File.Exists(Path.Combine(FashionMnistLocator.DebianDirectory, f + ".gz")) || File.Exists(Path.Combine(FashionMnistLocator.DebianDirectory, f))))
            Skip = $"Fashion-MNIST is not installed in {FashionMnistLocator.DebianDirectory}";
    }
}

/// <summary>
/// The d2l reference run, <c>dendrite train</c> without options on the real Fashion-MNIST, prints the numbers recorded
/// with the code before the one-trainer refactor, and ends with the same weights, bit for bit, for any thread count.
/// </summary>
public class D2lGoldenTests
{
    /// <summary>epoch, train_loss, train_acc, test_acc as printed (the seconds column aside).</summary>
    private static readonly string[] Rows =
    [
        "1 1.0396 0.6317 0.7114", "2 0.6033 0.7872 0.7913", "3 0.5190 0.8185 0.8141", "4 0.4841 0.8294 0.8271", "5 0.4550 0.8403 0.8018",
        "6 0.4361 0.8478 0.8351", "7 0.4200 0.8525 0.8204", "8 0.4074 0.8550 0.8441", "9 0.3959 0.8593 0.8373", "10 0.3827 0.8654 0.8325",
    ];

    private const string Epoch10TrainLoss = "0.38274448182315224";

    /// <summary>SHA-256 of the data bytes of 1.bias, 1.weight, 3.bias, 3.weight in last.safetensors, in that order.</summary>
    private const string WeightsSha256 = "bfcf6e465663ad71f40e383e779051e8a34ea280e2ffc4d0a7afa6e2f989be2f";

    [RequiresFashionMnistTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void DefaultRun_PrintsTheRecordedEpochs_AndEndsWithTheRecordedWeights(int threads)
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("d2l");
        var r = CliRunner.Run(CliServices.Default, "train", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] lines = r.StdoutLines;
        int header = Array.IndexOf(lines, "epoch  train_loss  train_acc  test_acc  seconds");
        Assert.True(header >= 0, r.Stdout);
        string[] printed = [.. lines.Skip(header + 1).Take(10).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4)))];
        Assert.Equal(Rows, printed);
        Assert.StartsWith("test accuracy: 0.8325 after 10 epochs (", lines[header + 11], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("model: 784-256-10 relu, init normal:0.01, 203,530 parameters; sgd lr 0.1 weight decay 0; batch 256, 10 epochs, seed 0, ",
            StringComparison.Ordinal));

        string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal("epoch,train_loss,train_acc,test_acc,seconds", metrics[0]);
        Assert.Equal(["10", Epoch10TrainLoss], metrics[10].Split(',').Take(2));

        string last = Path.Combine(run, "last.safetensors");
        SafetensorsHeader h = SafetensorsReader.ReadHeader(last);
        byte[] file = File.ReadAllBytes(last);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string name in new[] { "1.bias", "1.weight", "3.bias", "3.weight" })
        {
            SafetensorsTensorInfo t = h.Tensors.Single(x => x.Name == name);
            Assert.Equal(SafetensorsDtype.F32, t.Dtype);
            sha.AppendData(file, checked((int)(h.DataStart + t.DataBegin)), checked((int)t.ByteLength));
        }
        Assert.Equal(WeightsSha256, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
