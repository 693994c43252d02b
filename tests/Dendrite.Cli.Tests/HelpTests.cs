using Dendrite.Cli.Commands;

namespace Dendrite.Cli.Tests;

public class HelpTests
{
    private static readonly string[] Commands = ["train", "eval", "predict", "summary", "plot", "cv"];

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
        foreach (string command in Commands) Assert.Contains($"\n  {command} ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TopLevelHelp_SaysWhichCommandsHandleTables()
    {
        string[] lines = CliRunner.Run(CliRunner.NoData, "--help").StdoutLines;
        string Line(string command) => lines.Single(l => l.StartsWith($"  {command} ", StringComparison.Ordinal));
        Assert.Contains("CSV table", Line("train"), StringComparison.Ordinal);
        Assert.Contains("resume", Line("train"), StringComparison.Ordinal);
        Assert.Contains("regression", Line("eval"), StringComparison.Ordinal);
        Assert.Contains("CSV table rows", Line("predict"), StringComparison.Ordinal);
        Assert.Contains("CSV table", Line("cv"), StringComparison.Ordinal);
        foreach (string command in new[] { "train", "predict", "cv" })
            Assert.Contains("Parquet", Line(command), StringComparison.Ordinal);
    }

    public static TheoryData<string> CommandNames => [.. Commands];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void EveryCommandsHelp_ExitsZero_AndEqualsHelpCommand(string command)
    {
        var r = CliRunner.Run(CliRunner.NoData, command, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.StartsWith($"usage: dendrite {command}", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("  -h, --help", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(r.Stdout, CliRunner.Run(CliRunner.NoData, "help", command).Stdout);
    }

    [Fact]
    public void TrainHelp_DescribesTablesRunFoldersAndResume()
    {
        string help = CliRunner.Run(CliRunner.NoData, "train", "--help").Stdout;
        foreach (string part in new[]
                 {
                     "--csv FILE", "--target COLUMN", "--id-column COLUMN", "--test-csv FILE", "--class-weight MODE", "none|balanced",
                     "--loss NAME", "mse|huber|l1", "--huber-delta X", "--out DIR", "--resume DIR", "--threads N", "run folder", "bit-identically",
                     "its defaults: epochs 100, batch-size 64, lr 0.05, hidden 64, init default, activation relu",
                 })
            Assert.Contains(part, help, StringComparison.Ordinal);
    }

    [Fact]
    public void EvalHelp_DescribesImageAndTableModels()
    {
        string help = CliRunner.Run(CliRunner.NoData, "eval", "--help").Stdout;
        Assert.StartsWith("usage: dendrite eval MODEL_OR_RUN [FILE.csv] [options]", help, StringComparison.Ordinal);
        foreach (string part in new[] { "run folder", "Fashion-MNIST test set", "table model", "FILE.csv", "target column", "confusion matrix",
                     "RMSE, MAE, R² and log-RMSE", "image models: test|train" })
            Assert.Contains(part, help, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictHelp_DescribesImageAndTableModels()
    {
        string help = CliRunner.Run(CliRunner.NoData, "predict", "--help").Stdout;
        Assert.StartsWith("usage: dendrite predict MODEL INPUT [options]", help, StringComparison.Ordinal);
        foreach (string part in new[] { "IDX image file", "top-k classes", "table model", "id column", "row index", "target units",
                     "probability column per class", "--top K", "--labels FILE", "--out FILE", "--show N", "--log-format FORMAT" })
            Assert.Contains(part, help, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryHelp_DescribesTaskInputAndTableColumns()
    {
        string help = CliRunner.Run(CliRunner.NoData, "summary", "--help").Stdout;
        foreach (string part in new[] { "usage: dendrite summary MODEL", "classes or", "target", "table columns", "parameter count" })
            Assert.Contains(part, help, StringComparison.Ordinal);
    }

    [Fact]
    public void CvHelp_ListsTheWholeToolbox()
    {
        string help = CliRunner.Run(CliRunner.NoData, "cv", "--help").Stdout;
        Assert.Contains("same options as train --csv", help, StringComparison.Ordinal);
        foreach (var spec in TrainOptions.ModelSpecs) Assert.Contains("--" + spec.Name, help, StringComparison.Ordinal);
        foreach (string part in new[] { "--csv FILE", "--target COLUMN", "--folds K", "--out DIR", "folds.csv", "--optimizer NAME", "--lr-schedule SPEC",
                     "--dropout P", "--batchnorm", "--val-split F", "--early-stopping", "--class-weight MODE", "--loss NAME" })
            Assert.Contains(part, help, StringComparison.Ordinal);
        // cv trains on tables only: no Fashion-MNIST folder, no resume, no test split (the folds are the test sets).
        foreach (string absent in new[] { "--data ", "--resume", "--test-split", "--test-csv" })
            Assert.DoesNotContain(absent, help, StringComparison.Ordinal);
    }
}
