using Dendrite.Cli.Commands;
using Dendrite.Init;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Tests;

public class TrainOptionsTests
{
    private static RunConfig Parse(params string[] args) => TrainOptions.ToConfig(TrainOptions.Parser.Parse(args));

    [Fact]
    public void Defaults_ReproduceTheD2lReferenceRun()
    {
        var c = Parse();
        Assert.Equal(RunConfig.D2lDefault, c);
        Assert.Equal(10, c.Training.Epochs);
        Assert.Equal(256, c.Training.BatchSize);
        Assert.Equal(0.1f, c.Optimizer.LearningRate);
        Assert.Equal(0f, c.Optimizer.WeightDecay);
        Assert.Equal([256], c.Model.Hidden);
        Assert.Equal("relu", c.Model.Activation);
        Assert.Equal(LinearInit.Normal(0.01f), c.Model.Init);
        Assert.Equal(0UL, c.Seed);
        Assert.Equal(new FashionMnistSource(), c.Data);
        Assert.Equal(LogFormat.Text, TrainOptions.ParseFormat(TrainOptions.Parser.Parse([])));
    }

    [Fact]
    public void EveryOption_IsParsed_InBothSpellings()
    {
        string dir = Path.GetTempPath();
        string[] args = ["--epochs", "3", "--batch-size=64", "--lr", "0.5", "--weight-decay", "1e-4", "--hidden", "128, 64",
            "--activation", "TANH", "--init", "normal:0.05", "--seed", "18446744073709551615", "--data", dir, "--log-format=json"];
        var c = Parse(args);
        Assert.Equal(3, c.Training.Epochs);
        Assert.Equal(64, c.Training.BatchSize);
        Assert.Equal(0.5f, c.Optimizer.LearningRate);
        Assert.Equal(1e-4f, c.Optimizer.WeightDecay);
        Assert.Equal([128, 64], c.Model.Hidden);
        Assert.Equal("tanh", c.Model.Activation);
        Assert.Equal(LinearInit.Normal(0.05f), c.Model.Init);
        Assert.Equal(ulong.MaxValue, c.Seed);
        Assert.Equal(new FashionMnistSource(Path.GetFullPath(dir)), c.Data);
        Assert.Equal(LogFormat.Json, TrainOptions.ParseFormat(TrainOptions.Parser.Parse(args)));
    }

    [Fact]
    public void HiddenNone_MeansSoftmaxRegression_AndInitDefaultIsTorchUniform()
    {
        var c = Parse("--hidden", "none", "--init", "default", "--activation", "sigmoid");
        Assert.Empty(c.Model.Hidden);
        Assert.Same(LinearInit.Default, c.Model.Init);
        Assert.Equal("sigmoid", c.Model.Activation);
    }

    [Fact]
    public void NegativeNumberAsValue_IsReadAsAValue_ThenRejectedByValidation()
    {
        var ex = Assert.Throws<Options.UsageException>(() => Parse("--weight-decay", "-0.5"));
        Assert.Contains("--weight-decay", ex.Message);
        Assert.Contains("-0.5", ex.Message);
    }

    [Fact]
    public void Csv_TakesTheTableDefaults_AndEveryTableOption()
    {
        string csv = Path.Combine(Path.GetTempPath(), $"dendrite-options-{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, "id;x;y\n1;2;3.5\n");
        try
        {
            var d = Parse("--csv", csv, "--target", "y");
            var source = new CsvSource(Path.GetFullPath(csv), "y");
            Assert.Equal(source, d.Data);
            RunConfig table = RunConfig.TableDefault(source);
            Assert.Equal(table.Training, d.Training);
            Assert.Equal(table.Optimizer, d.Optimizer);
            Assert.Equal(table.Model.Hidden, d.Model.Hidden);
            Assert.Equal(table.Model.Init, d.Model.Init);
            Assert.Equal((100, 64, 0.05f, 64), (d.Training.Epochs, d.Training.BatchSize, d.Optimizer.LearningRate, d.Model.Hidden[0]));

            var c = Parse("--csv", csv, "--target", "y", "--id-column", "id", "--delimiter", ";", "--task", "regression", "--test-split", "0.3",
                "--split-seed", "9", "--log-target");
            Assert.Equal(source with { IdColumn = "id", Delimiter = ';', Task = Data.TaskKind.Regression, TestSplit = 0.3, SplitSeed = 9, LogTarget = true }, c.Data);
            Assert.Equal('\t', ((CsvSource)Parse("--csv", csv, "--target", "y", "--delimiter", "tab").Data).Delimiter);
            Assert.Equal(Path.GetFullPath(csv), ((CsvSource)Parse("--csv", csv, "--target", "y", "--test-csv", csv).Data).TestPath);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Threads_DefaultToEveryCore_AndAreBounded()
    {
        Assert.Equal(Environment.ProcessorCount, TrainOptions.ParseThreads(TrainOptions.Parser.Parse([])));
        Assert.Equal(2, TrainOptions.ParseThreads(TrainOptions.Parser.Parse(["--threads", "2"])));
        Assert.Throws<Options.UsageException>(() => TrainOptions.ParseThreads(TrainOptions.Parser.Parse(["--threads", "0"])));
    }
}
