using Dendrite.Data;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

public sealed class CrossValidationTests : IDisposable
{
    private readonly SyntheticTables _tables = new();

    private static RunConfig Settings(CsvSource source, int epochs = 10) => SyntheticTables.TableRun(source, [], epochs, 16);

    [Fact]
    public void EveryRowIsHeldOutOnce_FoldTestSizesSumToTheRowCount()
    {
        var source = new CsvSource(_tables.Regression(103, SyntheticTables.Linear, 0.01, seed: 2), "y");
        var folds = new List<FoldResult>();
        var epochs = new List<(int Fold, int Epoch)>();
        CrossValidationResult result = CrossValidation.Run(source, Settings(source), 5, folds.Add, (f, e) => epochs.Add((f, e.Result.Epoch)));
        Assert.Equal(TaskKind.Regression, result.Task);
        Assert.Equal(5, result.Folds.Count);
        Assert.Equal(103, result.Folds.Sum(f => f.TestCount));
        Assert.All(result.Folds, f => Assert.Equal(103, f.TrainCount + f.TestCount));
        Assert.All(result.Folds, f => Assert.Equal(f.TestCount, f.Test.Count));
        Assert.Equal([1, 2, 3, 4, 5], result.Folds.Select(f => f.Fold));
        Assert.Equal(result.Folds, folds);
        Assert.Equal([.. Enumerable.Range(1, 5).SelectMany(f => Enumerable.Range(1, 10).Select(e => (f, e)))], epochs);
    }

    [Fact]
    public void Summary_IsTheMeanAndSampleStdOfTheFolds()
    {
        var source = new CsvSource(_tables.Regression(100, SyntheticTables.Nonlinear, 0.1, seed: 4), "y") { SplitSeed = 1 };
        CrossValidationResult result = CrossValidation.Run(source, Settings(source), 4);
        double[] rmse = [.. result.Folds.Select(f => f.Test.Rmse)];
        double mean = rmse.Average();
        MetricSummary summary = result.Summary("rmse");
        Assert.Equal(mean, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(rmse.Sum(r => (r - mean) * (r - mean)) / 3), summary.Std, 12);
        Assert.True(summary.Std > 0);
        Assert.True(double.IsNaN(result.Summary("acc").Mean));
        Assert.Equal(["loss", "rmse", "mae", "r2", "log_rmse"], result.Summaries.Select(s => s.Name));
        Assert.Equal(summary, result.Summaries.Single(s => s.Name == "rmse").Summary);
    }

    [Fact]
    public void Linear_CrossValidatedRmse_IsNearTheNoise()
    {
        var source = new CsvSource(_tables.Regression(300, SyntheticTables.Linear, 0.01, seed: 6), "y") { SplitSeed = 2 };
        CrossValidationResult result = CrossValidation.Run(source, Settings(source, 20), 3);
        Assert.InRange(result.Summary("rmse").Mean, 0, 0.03);
    }

    [Fact]
    public void Classification_SummarizesAccuracy_AndTheFoldsDependOnTheSplitSeed()
    {
        var source = new CsvSource(_tables.Mixed(120, 5, withLabel: true), "label") { IdColumn = "id" };
        CrossValidationResult a = CrossValidation.Run(source, Settings(source), 3);
        Assert.Equal(TaskKind.Classification, a.Task);
        Assert.Equal(["loss", "acc"], a.Summaries.Select(s => s.Name));
        Assert.InRange(a.Summary("acc").Mean, 0.5, 1);
        CrossValidationResult again = CrossValidation.Run(source, Settings(source), 3);
        Assert.Equal(a.Folds.Select(f => f.Test.Loss), again.Folds.Select(f => f.Test.Loss));
        CrossValidationResult other = CrossValidation.Run(source with { SplitSeed = 9 }, Settings(source), 3);
        Assert.NotEqual(a.Folds.Select(f => f.Test.Loss), other.Folds.Select(f => f.Test.Loss));
    }

    [Fact]
    public void ValidationSplit_IsTakenInsideEachFold_AndCountsAsTraining()
    {
        var source = new CsvSource(_tables.Regression(100, SyntheticTables.Linear, 0.01, seed: 7), "y");
        var config = Settings(source, 3) with { Policy = new TrainingPolicy(ValidationFraction: 0.25, EarlyStopping: new EarlyStoppingSpec(2)) };
        var epochs = new List<FitEpoch>();
        CrossValidationResult result = CrossValidation.Run(source, config, 4, onEpoch: (_, e) => epochs.Add(e));
        Assert.All(result.Folds, f => Assert.Equal(100, f.TrainCount + f.TestCount));
        Assert.All(epochs, e => Assert.Equal(19, e.Result.Validation!.Count)); // a quarter of the 75 training rows of each fold
    }

    public void Dispose() => _tables.Dispose();
}
