using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.TestKit;

namespace Dendrite.Cli.Tests;

public sealed class TabularCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-cli-tabular-");
    private int _count;

    private string Write(string text)
    {
        string path = _dir.Combine($"t{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>y = 2·x1 − 3.4·x2 + 4.2 + small noise, plus a categorical column, and a "label" column (y &gt; 4.2).</summary>
    private string Table(int rows = 120, ulong seed = 1)
    {
        var rng = new Dendrite.Random.Rng(seed);
        var sb = new StringBuilder("id,x1,x2,kind,y,label\n");
        for (int i = 0; i < rows; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal();
            double y = 2 * x1 - 3.4 * x2 + 4.2 + 0.01 * rng.NextNormal();
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"r{i},{x1:R},{x2:R},{(i % 3 == 0 ? "a" : "b")},{y:R},{(y > 4.2 ? "high" : "low")}\n"));
        }
        return Write(sb.ToString());
    }

    private static JsonElement[] Json(CliRunner.Result r) => r.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    [Fact]
    public void Regression_JsonLines_HaveTheRegressionKeys_AndADoneLine()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", Table(), "--target", "y", "--id-column", "id", "--epochs", "40", "--batch-size", "8",
            "--hidden", "none", "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        JsonElement[] lines = Json(r);
        Assert.Equal(41, lines.Length);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(["event", "epoch", "train_loss", "test_rmse", "test_mae", "test_r2", "test_log_rmse", "seconds"],
                lines[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal(i + 1, lines[i].GetProperty("epoch").GetInt32());
            Assert.Equal(JsonValueKind.Null, lines[i].GetProperty("test_log_rmse").ValueKind); // some targets are negative
        }
        Assert.Equal("done", lines[40].GetProperty("event").GetString());
        Assert.Equal(0, lines[40].GetProperty("skipped_rows").GetInt32());
        Assert.True(lines[40].GetProperty("test_r2").GetDouble() > 0.99, r.Stdout);
        Assert.Contains(r.StderrLines, l => l.StartsWith("model: 6-1 ", StringComparison.Ordinal)); // x1, x2, kind=a/b, label=high/low
    }

    [Fact]
    public void Classification_JsonLines_UseTheImageCommandsKeys()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", Table(), "--target", "label", "--id-column", "id", "--epochs", "3",
            "--hidden", "8", "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        JsonElement[] lines = Json(r);
        Assert.Equal(["event", "epoch", "train_loss", "train_acc", "test_acc", "seconds"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["event", "test_acc", "epochs", "seconds", "skipped_rows"], lines[^1].EnumerateObject().Select(p => p.Name));
        Assert.InRange(lines[^1].GetProperty("test_acc").GetDouble(), 0, 1);
    }

    [Fact]
    public void TextOutput_HasOneRowPerEpoch_AndReportsSkippedRows()
    {
        // Halves keep the target from being read as class labels.
        string path = Write("x,y\n1,2.5\n2,\n3,6.5\n4,8.5\n5,NA\n6,12.5\n7,14.5\n8,16.5\n9,18.5\n10,20.5\n");
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y", "--epochs", "2", "--test-split", "0.25");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        string[] lines = r.StdoutLines;
        Assert.Contains(lines, l => l.Contains("skipped 2 rows", StringComparison.Ordinal) && l.Contains("lines 3, 6", StringComparison.Ordinal));
        int header = Array.FindIndex(lines, l => l.StartsWith("epoch  train_loss     test_rmse", StringComparison.Ordinal));
        Assert.True(header >= 0, r.Stdout);
        Assert.StartsWith("    1  ", lines[header + 1]);
        Assert.StartsWith("    2  ", lines[header + 2]);
        Assert.StartsWith("test rmse: ", lines[header + 3]);
    }

    [Fact]
    public void TestCsv_IsUsedAsTheTestSet()
    {
        string train = Table(100, 1), test = Table(37, 2);
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", train, "--test-csv", test, "--target", "y", "--id-column", "id",
            "--epochs", "2", "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.StderrLines, l => l.Contains("100 train rows", StringComparison.Ordinal) && l.Contains("37 test rows", StringComparison.Ordinal));
    }

    [Fact]
    public void SameSeed_PrintsTheSameMetrics()
    {
        string path = Table();
        string[] Run() => CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y", "--epochs", "3", "--seed", "3",
            "--log-format", "json").StdoutLines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "epoch")
            .Select(e => e.GetProperty("train_loss").GetRawText() + e.GetProperty("test_rmse").GetRawText()).ToArray();
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void RaggedRow_ExitsWith2_AndOneStderrLineNamingLineAndColumn()
    {
        string path = Write("a,b,y\n1,2,3\n4,5\n7,8,9\n");
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y");
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains("line 3", line, StringComparison.Ordinal);
        Assert.Contains("column 'y'", line, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void MissingTargetColumn_ExitsWith2_NamingTheColumnAndTheHeaderLine()
    {
        string path = Write("a,b,y\n1,2,3\n4,5,6\n");
        foreach (string command in new[] { "train", "cv" })
        {
            var r = CliRunner.Run(CliRunner.NoData, command, "--csv", path, "--target", "price");
            Assert.Equal(2, r.ExitCode);
            string line = Assert.Single(r.StderrLines);
            Assert.Contains("line 1", line, StringComparison.Ordinal);
            Assert.Contains("column 'price'", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Stream_TrainsFromChunks_Reproducibly_AndRecordsItInTheConfig()
    {
        string path = Table(400);
        string Run(string output) => string.Join('\n', CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y", "--id-column", "id",
            "--stream", "--epochs", "5", "--batch-size", "8", "--seed", "2", "--log-format", "json", "--out", output).StdoutLines
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("event").GetString() == "epoch")
            .Select(e => e.GetProperty("train_loss").GetRawText() + e.GetProperty("test_rmse").GetRawText()));
        string first = Run(_dir.Combine("s1"));

        Assert.Equal(5, first.Split('\n').Length);
        Assert.Equal(first, Run(_dir.Combine("s2")));
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y", "--id-column", "id", "--stream", "--epochs", "20",
            "--batch-size", "8", "--hidden", "none", "--log-format", "json", "--out", _dir.Combine("s3"));
        Assert.Equal(0, r.ExitCode);
        Assert.True(Json(r)[^1].GetProperty("test_r2").GetDouble() > 0.99, r.Stdout);
        Assert.Contains("\"stream\": true", File.ReadAllText(Path.Combine(_dir.Combine("s3"), "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryBudget_BelowWhatLoadingNeeds_Streams()
    {
        string path = Table(200);
        var streamed = CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y", "--epochs", "1", "--memory-budget", "10KB");
        var loaded = CliRunner.Run(CliRunner.NoData, "train", "--csv", path, "--target", "y", "--epochs", "1", "--memory-budget", "1GB");

        Assert.Equal(0, streamed.ExitCode);
        Assert.Contains("streamed in", streamed.Stdout + streamed.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, loaded.ExitCode);
        Assert.DoesNotContain("streamed in", loaded.Stdout + loaded.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "y")]                                      // tabular option without --csv
    [InlineData("--csv", "X", "--target", "y", "--memory-budget", "lots")]
    [InlineData("--csv", "X", "--target", "y", "--memory-budget", "-2GB")]
    [InlineData("--csv", "X", "--target", "y", "--data", "/tmp")]     // image option with --csv
    [InlineData("--csv", "X")]                                         // no target
    [InlineData("--csv", "X", "--target", "y", "--test-split", "1.5")]
    [InlineData("--csv", "X", "--target", "y", "--delimiter", "ab")]
    public void BadTabularOptions_AreUsageErrors(params string[] args)
    {
        string path = Table();
        var r = CliRunner.Run(CliRunner.NoData, ["train", .. args.Select(a => a == "X" ? path : a)]);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains("dendrite train --help", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cv_JsonLines_HaveOneFoldEachAndASummary_WhoseMeanMatchesTheFolds()
    {
        var r = CliRunner.Run(CliRunner.NoData, "cv", "--csv", Table(), "--target", "y", "--id-column", "id", "--folds", "3",
            "--epochs", "3", "--hidden", "none", "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        JsonElement[] lines = Json(r);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Take(3), l => Assert.Equal("fold", l.GetProperty("event").GetString()));
        Assert.Equal(120, lines.Take(3).Sum(l => l.GetProperty("test_rows").GetInt32()));
        JsonElement summary = lines[3];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.Equal(3, summary.GetProperty("folds").GetInt32());
        double mean = lines.Take(3).Average(l => l.GetProperty("test_rmse").GetDouble());
        Assert.Equal(mean, summary.GetProperty("test_rmse_mean").GetDouble(), 4);
        Assert.True(summary.GetProperty("test_rmse_std").GetDouble() >= 0);
    }

    [Fact]
    public void Cv_Text_PrintsMeanAndStdPerMetric()
    {
        var r = CliRunner.Run(CliRunner.NoData, "cv", "--csv", Table(), "--target", "label", "--folds", "2", "--epochs", "2", "--hidden", "4");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("metric", StringComparison.Ordinal) && l.Contains("(2 folds)", StringComparison.Ordinal));
        Assert.Contains(r.StdoutLines, l => l.StartsWith("test_acc ", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_MentionsCsvAndTheTabularDefaults()
    {
        var train = CliRunner.Run(CliRunner.NoData, "train", "--help");
        Assert.Contains("--csv FILE", train.Stdout, StringComparison.Ordinal);
        Assert.Contains("epochs 100", train.Stdout, StringComparison.Ordinal);
        var cv = CliRunner.Run(CliRunner.NoData, "cv", "--help");
        Assert.Equal(0, cv.ExitCode);
        Assert.Contains("--folds K", cv.Stdout, StringComparison.Ordinal);
        Assert.Contains("cv ", CliRunner.Run(CliRunner.NoData, "--help").Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
