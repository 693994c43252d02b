using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Runs;

public class PlotCommandTests
{
    [Fact]
    public void PlotActivations_WritesOnePanelPerActivation()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("act.svg");
        var r = CliRunner.Run(CliRunner.NoData, "plot", "activations", "--out", path);
        Assert.Equal(0, r.ExitCode);
        string svg = File.ReadAllText(path);
        foreach (string name in new[] { "relu", "sigmoid", "tanh" })
        {
            Assert.Contains($">{name}(x)<", svg, StringComparison.Ordinal);
            Assert.Contains($">{name}&apos;(x)<", svg, StringComparison.Ordinal); // the derivative, ' escaped
        }
    }

    [Fact]
    public void PlotUnknownChart_OneLineExit2()
    {
        var r = CliRunner.Run(CliRunner.NoData, "plot", "bananas");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown chart 'bananas'", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }
}
