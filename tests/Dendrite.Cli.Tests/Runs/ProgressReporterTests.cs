using System.Text.Json;
using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Runs;

public class ProgressReporterTests
{
    [Fact]
    public void InteractiveText_DrawsProgressAndEndsWithASummaryTable()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(CliRunner.Synthetic with { Interactive = true }, "train", "--epochs", "2", "--hidden", "4",
            "--batch-size", "8", "--out", dir.Combine("run"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("training summary", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("epoch   2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("test accuracy: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InteractiveText_OfACsvRegression_SummarizesTheRegressionMetrics()
    {
        using var dir = new TempDirectory();
        string csv = Tables.TableFiles.Write(dir.Combine("t.csv"), "regression");
        var r = CliRunner.Run(CliRunner.NoData with { Interactive = true }, "train", "--csv", csv, "--target", "y", "--id-column", "id",
            "--epochs", "2", "--out", dir.Combine("run"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("training summary", r.Stdout, StringComparison.Ordinal);
        foreach (string column in new[] { "test_rmse", "test_mae", "test_r2", "test_log_r" }) Assert.True(r.Stdout.Contains(column, StringComparison.Ordinal), r.Stdout); // 80 columns cut test_log_rmse
        Assert.Contains("test rmse: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void InteractiveJson_KeepsOneObjectPerLine()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(CliRunner.Synthetic with { Interactive = true }, "train", "--epochs", "2", "--hidden", "4",
            "--batch-size", "8", "--out", dir.Combine("run"), "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StdoutLines.Length);
        foreach (string line in r.StdoutLines) JsonDocument.Parse(line).Dispose();
    }
}
