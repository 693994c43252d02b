using System.Text.Json;

namespace Dendrite.Cli.Tests;

public class TrainConfigFileTests
{
    private static string Write(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void ConfigValues_AreUsed_AndFlagsOverrideThem()
    {
        string path = Write("""{"epochs": 3, "hidden": [8, 4], "batch-size": 16, "log-format": "json", "init": "default", "optimizer": "adam", "lr": 0.01, "batchnorm": true}""");
        try
        {
            var fromFile = CliRunner.Run(CliRunner.Synthetic, "train", "--config", path);
            Assert.Equal(0, fromFile.ExitCode);
            Assert.Equal(4, fromFile.StdoutLines.Length); // 3 epochs + done
            string note = fromFile.StderrLines.Single(l => l.StartsWith("model:", StringComparison.Ordinal));
            Assert.Contains("4-8-4-3", note, StringComparison.Ordinal);
            Assert.Contains("adam lr 0.01", note, StringComparison.Ordinal);
            Assert.Contains("batchnorm", note, StringComparison.Ordinal);

            var overridden = CliRunner.Run(CliRunner.Synthetic, "train", "--epochs", "1", $"--config={path}", "--lr", "0.02");
            Assert.Equal(0, overridden.ExitCode);
            Assert.Equal(2, overridden.StdoutLines.Length);
            Assert.Contains("adam lr 0.02", overridden.Stderr, StringComparison.Ordinal);
            using var done = JsonDocument.Parse(overridden.StdoutLines[^1]);
            Assert.Equal(1, done.RootElement.GetProperty("epochs").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{"epochz": 3}""", "epochz")]
    [InlineData("""{"config": "x.json"}""", "config")]
    [InlineData("""{"epochs": "ten"}""", "key 'epochs' must be a positive integer")]
    [InlineData("""{"epochs": true}""", "epochs")]
    [InlineData("""{"batchnorm": 1}""", "batchnorm")]
    [InlineData("""{"hidden": {"a": 1}}""", "hidden")]
    [InlineData("""[1, 2]""", "JSON object")]
    [InlineData("""{"epochs": 3""", "not valid JSON")]
    public void BadConfig_ExitsWith2_NamingTheKey(string json, string named)
    {
        string path = Write(json);
        try
        {
            var r = CliRunner.Run(CliRunner.NoData, "train", "--config", path);
            Assert.Equal(2, r.ExitCode);
            Assert.Single(r.StderrLines);
            Assert.Contains(named, r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("fashion-mnist.json", 40, new[] { 512, 256 }, 128)]
    [InlineData("fashion-mnist-fast.json", 10, new[] { 512, 256 }, 256)]
    [InlineData("fashion-mnist-91.json", 40, new[] { 512, 512 }, 128)]
    public void Recipe_IsAValidConfig(string file, int epochs, int[] hidden, int batchSize)
    {
        string recipe = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "recipes", file);
        Assert.True(File.Exists(recipe), recipe);
        // Parsing only: --help would skip the file, so parse via the expansion and the option parser directly.
        var (args, origins) = Commands.ConfigFile.Expand(["--config", recipe], Commands.TrainOptions.Parser);
        var config = Commands.TrainOptions.ToConfig(Commands.TrainOptions.Parser.Parse(args, origins));
        Assert.Equal(epochs, config.Training.Epochs);
        Assert.Equal(hidden, config.Model.Hidden);
        Assert.Equal(batchSize, config.Training.BatchSize);
        Assert.Equal(Optim.OptimizerKind.AdamW, config.Optimizer.Kind);
        Assert.Equal(Training.Policy.LrScheduleKind.OneCycle, config.Policy.Schedule?.Kind);
    }

    [Fact]
    public void ABadValueFromTheFile_IsReportedByFileAndKey()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"lr\": -1, \"epochs\": 2}");
        try
        {
            var r = CliRunner.Run(CliRunner.NoData, "train", "--config", path);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"--config file '{path}': key 'lr'", r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("--lr ", r.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
