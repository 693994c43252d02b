using Dendrite.Data.Tabular;
using Dendrite.Init;
using Dendrite.Random;
using Dendrite.Training.Tabular;

namespace Dendrite.Training.Tests.Tabular;

public sealed class CrossValidationTests : IDisposable
{
    private readonly SyntheticTables _tables = new();

    private static readonly TabularSettings Settings =
        new([], ActivationKind.Relu, LinearInit.Default, Epochs: 10, BatchSize: 16, LearningRate: 0.05f);

    [Fact]
    public void EveryRowIsHeldOutOnce_FoldTestSizesSumToTheRowCount()
    {
        TabularFrame frame = SyntheticTables.Load(_tables.Regression(103, SyntheticTables.Linear, 0.01, seed: 2));
        CrossValidationResult result = CrossValidation.Run(frame, 5, Settings, new Rng(0));
        Assert.Equal(5, result.Folds.Count);
        Assert.Equal(103, result.Folds.Sum(f => f.TestCount));
        Assert.All(result.Folds, f => Assert.Equal(103, f.TrainCount + f.TestCount));
        Assert.All(result.Folds, f => Assert.Equal(f.TestCount, f.Test.Count));
        Assert.Equal([1, 2, 3, 4, 5], result.Folds.Select(f => f.Fold));
    }

    [Fact]
    public void Summary_IsTheMeanAndSampleStdOfTheFolds()
    {
        TabularFrame frame = SyntheticTables.Load(_tables.Regression(100, SyntheticTables.Nonlinear, 0.1, seed: 4));
        CrossValidationResult result = CrossValidation.Run(frame, 4, Settings, new Rng(1));
        double[] rmse = result.Folds.Select(f => f.Test.Rmse).ToArray();
        double mean = rmse.Average();
        Assert.Equal(mean, result.Rmse.Mean, 12);
        Assert.Equal(Math.Sqrt(rmse.Sum(r => (r - mean) * (r - mean)) / 3), result.Rmse.Std, 12);
        Assert.True(result.Rmse.Std > 0);
        Assert.True(double.IsNaN(result.Accuracy.Mean));
    }

    [Fact]
    public void Linear_CrossValidatedRmse_IsNearTheNoise()
    {
        TabularFrame frame = SyntheticTables.Load(_tables.Regression(300, SyntheticTables.Linear, 0.01, seed: 6));
        CrossValidationResult result = CrossValidation.Run(frame, 3, Settings with { Epochs = 20 }, new Rng(2));
        Assert.InRange(result.Rmse.Mean, 0, 0.03);
    }

    public void Dispose() => _tables.Dispose();
}
