using System.Text.Json;

namespace Dendrite.Cli.Tests;

// Needs the ops and DataLoader (other helpers): these run real training on a tiny synthetic data set.
public class TrainCommandTests
{
    [Fact]
    public void JsonLog_PrintsOneObjectPerEpochThenDone_OnStdoutOnly()
    {
        var r = CliRunner.Run(CliRunner.Synthetic, "train", "--epochs", "3", "--hidden", "8", "--batch-size", "16",
            "--log-format", "json", "--init", "default");
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.StdoutLines;
        Assert.Equal(4, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(["event", "epoch", "train_loss", "train_acc", "test_acc", "seconds"],
                doc.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("epoch", doc.RootElement.GetProperty("event").GetString());
            Assert.Equal(i + 1, doc.RootElement.GetProperty("epoch").GetInt32());
            Assert.InRange(doc.RootElement.GetProperty("test_acc").GetDouble(), 0, 1);
        }
        using var done = JsonDocument.Parse(lines[3]);
        Assert.Equal(["event", "test_acc", "epochs", "seconds"], done.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, done.RootElement.GetProperty("epochs").GetInt32());
        // Progress notes went to stderr.
        Assert.Contains(r.StderrLines, l => l.Contains("synthetic"));
    }

    [Fact]
    public void TextLog_PrintsHeaderRowsAndFinalAccuracy()
    {
        var r = CliRunner.Run(CliRunner.Synthetic, "train", "--epochs", "2", "--hidden", "none", "--batch-size", "10");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        string[] lines = r.StdoutLines;
        int header = Array.FindIndex(lines, l => l.StartsWith("epoch  train_loss", StringComparison.Ordinal));
        Assert.True(header >= 0);
        Assert.StartsWith("    1  ", lines[header + 1]);
        Assert.StartsWith("    2  ", lines[header + 2]);
        Assert.StartsWith("test accuracy: ", lines[header + 3]);
        Assert.Contains(lines, l => l.StartsWith("model: 4-3 ", StringComparison.Ordinal));
    }

    [Fact]
    public void SameSeed_PrintsTheSameNumbers()
    {
        string[] Run() => CliRunner.Run(CliRunner.Synthetic, "train", "--epochs", "2", "--hidden", "5", "--seed", "7",
                "--log-format", "json").StdoutLines
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "epoch")
            .Select(e => e.GetProperty("train_loss").GetRawText() + e.GetProperty("test_acc").GetRawText()).ToArray();
        Assert.Equal(Run(), Run());
    }
}
