using System.Globalization;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Random;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

/// <summary>Tables through the one trainer: <see cref="RunDataLoader.FromCsv"/>, then <see cref="MlpTraining.Run(RunConfig, RunData, FitCallbacks?, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/>.</summary>
public sealed class TableTrainingTests : IDisposable
{
    private readonly SyntheticTables _tables = new();

    private static Func<CsvSource, RunConfig> Linear(int epochs = 20) => s => SyntheticTables.TableRun(s, [], epochs, 32);

    private static Func<CsvSource, RunConfig> Mlp(int epochs, ulong seed = 0) => s => SyntheticTables.TableRun(s, [64], epochs, 32, seed: seed);

    /// <summary>Trains on a seeded 80/20 split of <paramref name="path"/>.</summary>
    private static (RunData Data, TrainingOutcome Outcome) Train(string path, Func<CsvSource, RunConfig> settings, string target = "y",
        double testFraction = 0.2)
    {
        var source = new CsvSource(path, target) { TestSplit = testFraction, SplitSeed = 1 };
        RunConfig config = settings(source);
        RunData data = RunDataLoader.FromCsv(source, config);
        return (data, MlpTraining.Run(config, data));
    }

    [Fact]
    public void LinearRegression_RecoversWeightsAndBias_OfTheGeneratingFormula()
    {
        var (data, outcome) = Train(_tables.Regression(1000, SyntheticTables.Linear, 0.01, seed: 3), Linear());
        Assert.Equal(800, data.Fit.Train.Count);
        Assert.Equal(200, data.Fit.Test!.Count);

        // Probe the trained model at (0,0), (1,0), (0,1): b, w1 + b, w2 + b in target units (the preprocessor's
        // standardization of x and y is undone by predicting through it).
        var model = new TrainedModel(outcome.Model, data.Info);
        string probe = _tables.Write("x1,x2\n0,0\n1,0\n0,1\n");
        double[] p = [.. new Predictor(model).PredictTable(((TableInput)model.Info.Input).LoadCsv(probe)).Select(r => r.Values![0])];
        Assert.Equal(4.2, p[0], 0.01);
        Assert.Equal(2.0, p[1] - p[0], 0.01);
        Assert.Equal(-3.4, p[2] - p[0], 0.01);
        Assert.InRange(outcome.Test!.Rmse, 0, 0.02); // the noise is 0.01
        Assert.True(outcome.Test.RSquared > 0.9999);
    }

    [Fact]
    public void Mlp_FitsANonlinearTarget_ThatLinearRegressionCannot()
    {
        string path = _tables.Regression(1000, SyntheticTables.Nonlinear, 0.01, seed: 5, uniform: true);
        double mlp = Train(path, Mlp(150)).Outcome.Test!.RSquared;
        double linear = Train(path, Linear()).Outcome.Test!.RSquared;
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
        string path = _tables.Write(string.Join('\n', lines) + "\n");
        var (data, outcome) = Train(path, Mlp(30));
        Assert.Equal(ColumnKind.Categorical, data.Preprocessor!.Columns.Single(c => c.Name == "color").Kind);
        Assert.Equal(5, data.Preprocessor.FeatureCount); // 3 one-hot + size + noise
        Assert.All(outcome.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.True(outcome.Test!.RSquared > 0.7, $"R² {outcome.Test.RSquared}");

        // Missing-value indicators are a preprocessing option the run config does not expose: fitted by hand, the
        // extra column trains through the same loader as any feature rows.
        TabularFrame frame = TabularCsv.Load(path, RunDataLoader.Loading(new CsvSource(path, "y")));
        SplitIndices split = Splits.TrainTest(frame.RowCount, 0.2, new Rng(1));
        var withIndicators = TabularPreprocessor.Fit(frame, split.Train, new TabularPreprocessorOptions { MissingIndicators = true });
        Assert.Equal(5 + 1, withIndicators.FeatureCount); // 3 one-hot + size + size_missing + noise
        var config = Mlp(30)(new CsvSource(path, "y"));
        var indicated = RunDataLoader.FromDatasets(RunDataLoader.ToDataset(withIndicators.Transform(frame, split.Train)),
            RunDataLoader.ToDataset(withIndicators.Transform(frame, split.Test)), config);
        Assert.True(MlpTraining.Run(config, indicated).Test!.RSquared > 0.7);
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
        var (data, outcome) = Train(_tables.Write(string.Join('\n', lines) + "\n"), Mlp(40), "label");
        Assert.Equal(["maybe", "no", "yes"], data.Info.ClassNames!);
        Assert.Equal(3, data.Outputs);
        Assert.Equal(TaskKind.Classification, outcome.Test!.Task);
        Assert.True(outcome.Test.Accuracy > 0.9, $"accuracy {outcome.Test.Accuracy}");
        Assert.True(double.IsNaN(outcome.Test.Rmse));
        Assert.InRange(outcome.Epochs[^1].TrainAccuracy, 0.8, 1.0);
        Assert.True(outcome.Epochs[^1].TrainLoss < outcome.Epochs[0].TrainLoss);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalEpochs_AndAnotherSeedDiffers()
    {
        string path = _tables.Regression(200, SyntheticTables.Nonlinear, 0.1, seed: 9);
        double[] Losses(ulong seed) => [.. Train(path, Mlp(5, seed)).Outcome.Epochs.Select(e => e.TrainLoss)];
        Assert.Equal(Losses(4), Losses(4));
        Assert.NotEqual(Losses(4), Losses(5));
    }

    [Fact]
    public void LogRmse_IsNaN_WhenATargetIsNotPositive_AndFiniteOtherwise()
    {
        // The linear data has negative targets; shifting them up by 30 makes every one positive.
        string negative = _tables.Regression(200, SyntheticTables.Linear, 0.01, seed: 1);
        string positive = _tables.Regression(200, (a, b) => SyntheticTables.Linear(a, b) + 30, 0.01, seed: 1);
        Assert.True(double.IsNaN(Train(negative, Linear(2)).Outcome.Test!.LogRmse));
        Assert.InRange(Train(positive, Linear(2)).Outcome.Test!.LogRmse, 0, 10);
    }

    [Fact]
    public void LogTarget_TrainsOnLogValues_AndReportsInTheTargetsUnits()
    {
        // Prices spanning two orders of magnitude, multiplicative in x.
        var rng = new Rng(8);
        var lines = new List<string> { "x,price" };
        for (int i = 0; i < 300; i++)
        {
            double x = rng.NextNormal();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x:R},{Math.Exp(10 + x + 0.05 * rng.NextNormal()):R}"));
        }
        string path = _tables.Write(string.Join('\n', lines) + "\n");
        var source = new CsvSource(path, "price") { LogTarget = true, SplitSeed = 1 };
        var config = SyntheticTables.TableRun(source, [16], 60, 16);
        var data = RunDataLoader.FromCsv(source, config);
        Assert.True(data.Preprocessor!.Target!.Log);
        var outcome = MlpTraining.Run(config, data);
        Assert.InRange(outcome.Test!.LogRmse, 0, 0.2); // the noise in log units is 0.05
        Assert.True(outcome.Test.Rmse > 100, "RMSE is in price units, not log units");
    }

    [Fact]
    public void TestFile_IsReadAsTheTrainingFileWas_AndMissingTargetsAreSkipped()
    {
        string train = _tables.Regression(100, SyntheticTables.Linear, 0.01, seed: 2);
        string test = _tables.Write("x1,x2,y\n0,0,4.2\n1,0,\n0,1,0.8\n");
        var source = new CsvSource(train, "y") { TestPath = test };
        var data = RunDataLoader.FromCsv(source, SyntheticTables.TableRun(source, [], 2, 16));
        Assert.Equal(100, data.Fit.Train.Count);
        Assert.Equal(2, data.Fit.Test!.Count);
        Assert.Equal(1, data.SkippedRows);
        Assert.Contains(data.Notes, n => n.Contains("skipped 1 row", StringComparison.Ordinal) && n.Contains("line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidationSplit_OfATable_IsTakenBeforeFitting_AndIsTheSameForASeed()
    {
        string path = _tables.Mixed(200, 21);
        var source = new CsvSource(path, "y") { IdColumn = "id" };
        var config = SyntheticTables.TableRun(source, [8], 2, 16, seed: 3) with { Policy = new TrainingPolicy(ValidationFraction: 0.25) };
        var a = RunDataLoader.FromCsv(source, config);
        var b = RunDataLoader.FromCsv(source, config);
        Assert.Equal(40, a.Fit.Validation!.Count);
        Assert.Equal(120, a.Fit.Train.Count);
        Assert.Equal(a.Fit.Validation.Features, b.Fit.Validation!.Features);
        Assert.Equal(a.Preprocessor!.ToJson(), b.Preprocessor!.ToJson());
        // Fitted on the 120 training rows only: the validation rows' targets are not in the standardization.
        var all = RunDataLoader.FromCsv(source, config with { Policy = TrainingPolicy.None });
        Assert.NotEqual(all.Preprocessor!.Target!.Mean, a.Preprocessor.Target!.Mean);
        Assert.Contains("40 validation rows", a.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void LikelyIdColumn_IsNoted_WhenNoIdColumnIsNamed()
    {
        string path = _tables.Mixed(60, 22);
        var source = new CsvSource(path, "y");
        var data = RunDataLoader.FromCsv(source, SyntheticTables.TableRun(source, [], 1, 16));
        Assert.Contains(data.Notes, n => n.Contains("'id'", StringComparison.Ordinal));
        var named = source with { IdColumn = "id" };
        Assert.DoesNotContain(RunDataLoader.FromCsv(named, SyntheticTables.TableRun(named, [], 1, 16)).Notes, n => n.Contains("'id'", StringComparison.Ordinal));
    }

    [Fact]
    public void Loader_CoversEveryRowOncePerEpoch_WithTargetsTravellingWithTheirRows()
    {
        var data = new InMemoryDataset([.. Enumerable.Range(0, 10).Select(i => (float)i)], 1, [.. Enumerable.Range(0, 10).Select(i => i * 10f)], 1);
        foreach (bool gather in new[] { true, false })
        {
            var loader = new DataLoader(data, 4, shuffle: true, rng: new Rng(3), gatherFeatures: gather);
            for (int pass = 0; pass < 2; pass++)
            {
                var xs = new List<float>();
                var ys = new List<float>();
                var sizes = new List<int>();
                foreach (Batch b in loader)
                {
                    sizes.Add(b.Count);
                    Assert.Equal([b.Count, 1], b.Targets!.ShapeArray);
                    xs.AddRange(gather ? b.Features.Data.Take(b.Count) : b.Rows!.Select(r => data.Features[r]));
                    ys.AddRange(b.Targets.Data.Take(b.Count));
                }
                Assert.Equal([4, 4, 2], sizes);
                Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), xs.Order());
                Assert.Equal(xs.Select(x => x * 10f), ys); // each target travels with its row
            }
        }
    }

    [Fact]
    public void Subset_OfARegressionSet_KeepsItsTargets()
    {
        var data = new InMemoryDataset([1f, 2f, 3f, 4f, 5f, 6f], 2, [10f, 20f, 30f], 1);
        var part = data.Subset([2, 0]);
        Assert.True(part.IsRegression);
        Assert.Equal([5f, 6f, 1f, 2f], part.Features);
        Assert.Equal([30f, 10f], part.Targets!);
        Assert.Empty(part.Labels);
    }

    public void Dispose() => _tables.Dispose();
}
