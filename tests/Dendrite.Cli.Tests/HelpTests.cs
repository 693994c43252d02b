namespace Dendrite.Cli.Tests;

public class HelpTests
{
    [Theory]
    [InlineData("train", "--help")]
    [InlineData("train", "-h")]
    [InlineData("train", "--epochs", "0", "--help")]
    [InlineData("help", "train")]
    public void TrainHelp_ExitsZero_AndListsEveryOption(params string[] args)
    {
        var r = CliRunner.Run(CliRunner.NoData, args);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.StartsWith("usage: dendrite train [options]", r.Stdout);
        foreach (string option in new[] { "--epochs", "--batch-size", "--lr", "--weight-decay", "--hidden", "--activation", "--init",
                     "--seed", "--data", "--log-format", "--help" })
            Assert.Contains(option, r.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void TopLevelHelp_ExitsZero_AndListsCommands(string arg)
    {
        var r = CliRunner.Run(CliRunner.NoData, arg);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("usage: dendrite <command>", r.Stdout);
        Assert.Contains("train", r.Stdout);
    }
}
