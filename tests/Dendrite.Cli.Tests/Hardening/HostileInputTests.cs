using System.Buffers.Binary;
using Dendrite.Cli.Tests.Runs;
using Dendrite.Data.Loading;
using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Hardening;

/// <summary>
/// Input files that are not what they claim reach predict, eval and train as one-line errors with exit code 2:
/// an IDX header claiming more values than the limit (and --max-idx-elements raising it), a folder, a binary file
/// or one endless line where a CSV was expected.
/// </summary>
public sealed class HostileInputTests(TrainedRun run) : IClassFixture<TrainedRun>
{
    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.Synthetic, args);

    /// <summary>An IDX image header of <paramref name="count"/>×2×2 bytes followed by only 4 samples of data.</summary>
    private static byte[] IdxClaiming(int count)
    {
        var bytes = new byte[16 + 16];
        bytes[2] = 0x08;
        bytes[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 2);
        return bytes;
    }

    [Fact]
    public void Predict_AnIdxHeaderAboveTheLimit_IsRefusedInOneLine_AndTheOptionRaisesIt()
    {
        string path = run.Scratch("big.idx");
        File.WriteAllBytes(path, IdxClaiming(4));
        var small = Cli("predict", run.Best, path, "--max-idx-elements", "8");
        Assert.Equal(2, small.ExitCode);
        string line = Assert.Single(small.StderrLines);
        Assert.Contains("big.idx", line, StringComparison.Ordinal);
        Assert.Contains("limit of 8 elements", line, StringComparison.Ordinal);
        Assert.Contains("--max-idx-elements", line, StringComparison.Ordinal);

        var enough = Cli("predict", run.Best, path, "--max-idx-elements", "16");
        Assert.Equal(0, enough.ExitCode);
        Assert.Empty(enough.Stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    public void MaxIdxElements_NotAPositiveWholeNumber_IsAUsageError(string value)
    {
        var r = Cli("predict", run.Best, run.Scratch("none.idx"), "--max-idx-elements", value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--max-idx-elements", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_MaxIdxElements_ReachesTheFashionMnistReader()
    {
        using var data = new TempDirectory();
        SyntheticIdx.Write(data.Path, trainCount: 20, testCount: 10);
        var r = CliRunner.Run(CliServices.Default, "train", "--data", data.Path, "--max-idx-elements", "1000",
            "--epochs", "1", "--out", run.Scratch("T"));
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains(FashionMnistFiles.TrainImages, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.Scratch("T")), "no run folder for data that was refused");

        var eval = CliRunner.Run(CliServices.Default, "eval", run.Best, "--data", data.Path, "--max-idx-elements", "100");
        Assert.Equal(2, eval.ExitCode);
        Assert.Single(eval.StderrLines);
    }

    [Fact]
    public void Predict_AFolderAsInput_IsNamedAsAFolder()
    {
        var r = Cli("predict", run.Best, run.Folder);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a folder", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ABinaryFileNamedCsv_IsNotATextCsv()
    {
        string path = run.Scratch("zeros.csv");
        File.WriteAllBytes(path, new byte[4096]);
        var r = Cli("predict", run.Best, path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a text CSV", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ACsvOfOneEndlessLine_StopsAtTheLineLimit()
    {
        string path = run.Scratch("endless.csv");
        using (var w = new StreamWriter(path))
        {
            var chunk = new string('1', 64 * 1024);
            for (int i = 0; i < 20; i++) w.Write(chunk);
        }
        var r = Cli("predict", run.Best, path);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains("endless.csv:1", line, StringComparison.Ordinal);
        Assert.Contains("longer than", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_ACsvWithAHugeCell_QuotesItClipped()
    {
        string path = run.Scratch("cell.csv");
        File.WriteAllText(path, "1,2,3," + new string('x', 10_000) + "\n");
        var r = Cli("predict", run.Best, path);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.True(line.Length < 400, $"error line of {line.Length} characters");
    }
}
