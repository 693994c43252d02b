using System.Globalization;
using Dendrite.Data.Tabular;
using Dendrite.Init;
using Dendrite.Random;
using Dendrite.Training.Tabular;

namespace Dendrite.Training.Tests.Tabular;

public sealed class TabularTrainerTests : IDisposable
{
    private readonly SyntheticTables _tables = new();

    private static TabularSettings Linear(int epochs = 20) =>
        new([], ActivationKind.Relu, LinearInit.Default, Epochs: epochs, BatchSize: 32, LearningRate: 0.05f);

    private static TabularSettings Mlp(int epochs) =>
        new([64], ActivationKind.Relu, LinearInit.Default, Epochs: epochs, BatchSize: 32, LearningRate: 0.05f);

    private static TabularTrainingOutcome TrainWithSplit(TabularFrame frame, TabularSettings settings, double testFraction = 0.2) =>
        TabularTrainer.Train(frame, Splits.TrainTest(frame.RowCount, testFraction, new Rng(1)), settings);

    [Fact]
    public void LinearRegression_RecoversWeightsAndBias_OfTheGeneratingFormula()
    {
        TabularFrame frame = SyntheticTables.Load(_tables.Regression(1000, SyntheticTables.Linear, 0.01, seed: 3));
        TabularTrainingOutcome outcome = TrainWithSplit(frame, Linear());

        // Probe the trained model at (0,0), (1,0), (0,1): b, w1 + b, w2 + b in target units (the preprocessor's
        // standardization of x and y is undone by predicting through it).
        string probe = _tables.Write("x1,x2,y\n0,0,0\n1,0,0\n0,1,0\n");
        TabularFrame probeFrame = TabularCsv.Load(probe, outcome.Preprocessor.ConfigureLoading(new TabularCsvOptions { TargetColumn = "y" }));
        float[] p = TabularEvaluator.PredictValues(outcome.Model, outcome.Preprocessor.Transform(probeFrame), outcome.Preprocessor);
        Assert.Equal(4.2, p[0], 0.01);
        Assert.Equal(2.0, p[1] - p[0], 0.01);
        Assert.Equal(-3.4, p[2] - p[0], 0.01);
        Assert.InRange(outcome.Test!.Rmse, 0, 0.02); // the noise is 0.01
        Assert.True(outcome.Test.RSquared > 0.9999);
    }

    [Fact]
    public void Mlp_FitsANonlinearTarget_ThatLinearRegressionCannot()
    {
        TabularFrame frame = SyntheticTables.Load(_tables.Regression(1000, SyntheticTables.Nonlinear, 0.01, seed: 5, uniform: true));
        double mlp = TrainWithSplit(frame, Mlp(150)).Test!.RSquared;
        double linear = TrainWithSplit(frame, Linear()).Test!.RSquared;
        Assert.True(mlp >= 0.9, $"MLP R² {mlp}");
        Assert.True(linear <= 0.5, $"linear R² {linear}");
    }

    [Fact]
    public void MixedCategoricalAndNumericColumns_WithMissingValues_Train()
    {
        // y depends on a category and a number; a tenth of each feature is missing.
        var rng = new Rng(11);
        string[] colors = ["red", "green", "blue"];
        var lines = new List<string> { "color,size,noise,y" };
        for (int i = 0; i < 300; i++)
        {
            int c = rng.NextInt(3);
            double size = rng.NextNormal();
            double y = 3 * c + size + 0.1 * rng.NextNormal();
            string color = rng.NextDouble() < 0.1 ? "" : colors[c];
            string sizeText = rng.NextDouble() < 0.1 ? "NA" : size.ToString("R", CultureInfo.InvariantCulture);
            lines.Add($"{color},{sizeText},{rng.NextNormal().ToString("R", CultureInfo.InvariantCulture)},{y.ToString("R", CultureInfo.InvariantCulture)}");
        }
        TabularFrame frame = SyntheticTables.Load(_tables.Write(string.Join('\n', lines) + "\n"));
        Assert.Equal(ColumnKind.Categorical, frame.FindColumn("color")!.Kind);
        TabularTrainingOutcome outcome = TrainWithSplit(frame, Mlp(30) with { Preprocessing = new TabularPreprocessorOptions { MissingIndicators = true } });
        Assert.Equal(5 + 1, outcome.Preprocessor.FeatureCount); // 3 one-hot + size + size_missing + noise
        Assert.All(outcome.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.True(outcome.Test!.RSquared > 0.7, $"R² {outcome.Test.RSquared}");
    }

    [Fact]
    public void Classification_ReportsAccuracy_AndLearnsASeparableProblem()
    {
        var rng = new Rng(2);
        var lines = new List<string> { "a,b,label" };
        for (int i = 0; i < 400; i++)
        {
            double a = rng.NextNormal(), b = rng.NextNormal();
            string label = a + b > 0.5 ? "yes" : a - b > 0 ? "maybe" : "no";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{label}"));
        }
        TabularFrame frame = SyntheticTables.Load(_tables.Write(string.Join('\n', lines) + "\n"), "label");
        TabularTrainingOutcome outcome = TrainWithSplit(frame, Mlp(40));
        Assert.Equal(TaskKind.Classification, outcome.Test!.Task);
        Assert.True(outcome.Test.Accuracy > 0.9, $"accuracy {outcome.Test.Accuracy}");
        Assert.True(double.IsNaN(outcome.Test.Rmse));
        Assert.InRange(outcome.Epochs[^1].TrainAccuracy, 0.8, 1.0);
        Assert.True(outcome.Epochs[^1].TrainLoss < outcome.Epochs[0].TrainLoss);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalEpochs_AndAnotherSeedDiffers()
    {
        TabularFrame frame = SyntheticTables.Load(_tables.Regression(200, SyntheticTables.Nonlinear, 0.1, seed: 9));
        double[] Losses(ulong seed) => TrainWithSplit(frame, Mlp(5) with { Seed = seed }).Epochs.Select(e => e.TrainLoss).ToArray();
        Assert.Equal(Losses(4), Losses(4));
        Assert.NotEqual(Losses(4), Losses(5));
    }

    [Fact]
    public void LogRmse_IsNaN_WhenATargetIsNotPositive_AndFiniteOtherwise()
    {
        // The linear data has negative targets; shifting them up by 30 makes every one positive.
        TabularFrame negative = SyntheticTables.Load(_tables.Regression(200, SyntheticTables.Linear, 0.01, seed: 1));
        TabularFrame positive = SyntheticTables.Load(_tables.Regression(200, (a, b) => SyntheticTables.Linear(a, b) + 30, 0.01, seed: 1));
        Assert.True(double.IsNaN(TrainWithSplit(negative, Linear(2)).Test!.LogRmse));
        Assert.InRange(TrainWithSplit(positive, Linear(2)).Test!.LogRmse, 0, 10);
    }

    [Fact]
    public void Batcher_CoversEveryRowOncePerEpoch_WithTargetsAsAColumn()
    {
        var data = new TabularDataset(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), ["x"], targets: Enumerable.Range(0, 10).Select(i => i * 10f).ToArray());
        var batcher = new TabularBatcher(data, 4, new Rng(3));
        for (int pass = 0; pass < 2; pass++)
        {
            var batches = batcher.Epoch().ToList();
            Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
            Assert.All(batches, b => Assert.Equal([b.Count, 1], b.Targets!.ShapeArray));
            float[] xs = batches.SelectMany(b => b.Features.Data).ToArray();
            float[] ys = batches.SelectMany(b => b.Targets!.Data).ToArray();
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), xs.Order());
            Assert.Equal(xs.Select(x => x * 10f), ys); // each target travels with its row
        }
    }

    public void Dispose() => _tables.Dispose();
}
