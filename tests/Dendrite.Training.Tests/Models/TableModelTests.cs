using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Formats.Safetensors;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Objectives;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Models;

/// <summary>
/// Models trained on tables, saved and loaded again: the fitted preprocessing travels with the weights, so a loaded
/// model reads new CSV rows exactly as the training rows were read and predicts exactly what the live model does.
/// </summary>
public sealed class TableModelTests : IDisposable
{
    private readonly SyntheticTables _tables = new();

    private static RunConfig Mlp(CsvSource source, int epochs = 30, RegressionLoss loss = RegressionLoss.Mse) =>
        SyntheticTables.TableRun(source, [16], epochs, 16, seed: 7) with { Objective = new ObjectiveSpec(Loss: loss) };

    private static (RunData Data, TrainingOutcome Outcome) Train(string path, string target, Func<CsvSource, RunConfig> settings, char? delimiter = null)
    {
        var source = new CsvSource(path, target) { IdColumn = "id", Delimiter = delimiter, SplitSeed = 1 };
        RunConfig config = settings(source);
        RunData data = RunDataLoader.FromCsv(source, config);
        return (data, MlpTraining.Run(config, data));
    }

    /// <summary>The live model as a <see cref="TrainedModel"/> (its meaning comes with the run's data).</summary>
    private static TrainedModel Live(RunData data, TrainingOutcome outcome) => new(outcome.Model, data.Info, outcome.Epochs.Count);

    private static TableInput Table(TrainedModel model) => Assert.IsType<TableInput>(model.Info.Input);

    [Fact]
    public void MixedRegression_RoundTripsThroughSaveLoadAndPredict_BitForBit_WithIdsPassedThrough()
    {
        var (data, outcome) = Train(_tables.Mixed(300, 3), "y", s => Mlp(s));
        var live = Live(data, outcome);
        string file = _tables.Write("");
        live.Save(file);

        var loaded = TrainedModel.Load(file);
        string rows = _tables.NewMixedRows();
        TabularFrame frame = Table(loaded).LoadCsv(rows);
        TabularDataset features = Table(loaded).Preprocessor.Transform(frame);
        TabularDataset expectedFeatures = Table(live).Preprocessor.Transform(Table(live).LoadCsv(rows));
        Prediction[] predictions = new Predictor(loaded).PredictTable(frame);
        Prediction[] expected = new Predictor(live).PredictTable(Table(live).LoadCsv(rows));

        Assert.Equal(expectedFeatures.Features, features.Features);
        Assert.Equal(expected.Select(p => p.Values![0]), predictions.Select(p => p.Values![0]));
        Assert.All(predictions, p => Assert.Equal((-1, null), (p.Class, p.ClassName)));
        Assert.Equal(new string?[] { "n1", "n2", "n3", "n4", "n5" }, frame.Ids!.AsEnumerable());
        Assert.Equal(TaskKind.Regression, loaded.Info.Task);
        Assert.Null(loaded.Info.ClassNames);
        Assert.Equal("y", loaded.Info.TargetName);
        Assert.Equal("id", Table(loaded).IdColumn);
        Assert.Equal(30, loaded.Epoch);
        // The predictions are in the target's units: un-standardized, near the live model's own regression line.
        Assert.Equal(data.Preprocessor!.Target!.FromModel(new Predictor(live).Outputs(expectedFeatures.Features, 5)[0]), predictions[0].Values![0]);
        // The unseen category "west" contributes nothing: every city indicator of row n2 is 0.
        int[] cityFeatures = [.. Table(loaded).Preprocessor.FeatureNames.Select((n, j) => (n, j)).Where(p => p.n.StartsWith("city=", StringComparison.Ordinal)).Select(p => p.j)];
        Assert.Equal(3, cityFeatures.Length);
        Assert.All(cityFeatures, j => Assert.Equal(0f, features.Features[1 * features.FeatureCount + j]));
    }

    [Fact]
    public void MixedClassification_RoundTrip_KeepsClassNamesAndOutputs()
    {
        var (data, outcome) = Train(_tables.Mixed(300, 4, withLabel: true), "label", s => Mlp(s), delimiter: ',');
        var live = Live(data, outcome);
        string file = _tables.Write("");
        live.Save(file);
        var loaded = TrainedModel.Load(file);

        Assert.Equal(["big", "small"], loaded.Info.ClassNames!);
        Assert.Equal("label", loaded.Info.TargetName);
        Assert.Equal(',', Table(loaded).Delimiter);
        Assert.Equal("4-16-2", loaded.Describe());
        string rows = _tables.NewMixedRows();
        var predictions = new Predictor(loaded).PredictTable(Table(loaded).LoadCsv(rows));
        var expected = new Predictor(live).PredictTable(Table(live).LoadCsv(rows));
        Assert.Equal(expected.SelectMany(p => p.Probabilities!), predictions.SelectMany(p => p.Probabilities!));
        Assert.Equal(expected.Select(p => p.ClassName), predictions.Select(p => p.ClassName));
        Assert.All(predictions, p =>
        {
            Assert.Equal(p.Probabilities![0] >= p.Probabilities[1] ? 0 : 1, p.Class);
            Assert.Equal(p.Class == 0 ? "big" : "small", p.ClassName);
            Assert.Equal(1.0, p.Probabilities.Sum(v => (double)v), 5);
            Assert.Null(p.Values);
        });
        // Saving what was loaded writes the same bytes.
        string again = _tables.Write("");
        loaded.Save(again);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(again));
    }

    [Fact]
    public void Metadata_HoldsThePreprocessorJson_UnderTheInputKey_AndTheArchitecture()
    {
        var (data, outcome) = Train(_tables.Mixed(120, 5), "y", s => Mlp(s, epochs: 2));
        string file = _tables.Write("");
        Live(data, outcome).Save(file);
        var meta = SafetensorsReader.ReadHeader(file).Metadata;

        Assert.Contains(data.Preprocessor!.ToJson(), meta[CheckpointKeys.Input], StringComparison.Ordinal);
        Assert.StartsWith("{\"kind\":\"table\",\"id_column\":\"id\",\"delimiter\":null,", meta[CheckpointKeys.Input], StringComparison.Ordinal);
        Assert.Equal("regression", meta[CheckpointKeys.Task]);
        Assert.Equal("y", meta[CheckpointKeys.Target]);
        LayerConfig architecture = LayerConfigJson.Read(meta[CheckpointKeys.Architecture], "mem");
        Assert.Equal(data.Preprocessor.FeatureCount, architecture.InputWidth);
        Assert.Equal(1, architecture.OutputWidth(null, "mem"));
    }

    [Fact]
    public void RunCheckpoint_OfATableRun_IsATrainedModelToo()
    {
        string csv = _tables.Mixed(150, 9, withLabel: true);
        var source = new CsvSource(csv, "label") { IdColumn = "id" };
        var config = Mlp(source, epochs: 3);
        var data = RunDataLoader.FromCsv(source, config);
        using var folder = RunFolder.Create(_tables.NewFolder("run"));
        var outcome = RunTraining.Start(folder, config, data);

        var model = TrainedModel.Load(folder.LastPath);
        Assert.Equal(data.Preprocessor!.ToJson(), Table(model).Preprocessor.ToJson());
        Assert.Equal(3, model.Epoch);
        string rows = _tables.NewMixedRows();
        Assert.Equal(new Predictor(Live(data, outcome)).PredictTable(Table(model).LoadCsv(rows)).SelectMany(p => p.Probabilities!),
            new Predictor(model).PredictTable(Table(model).LoadCsv(rows)).SelectMany(p => p.Probabilities!));
        // The checkpoint, read and written again, gives the same bytes.
        byte[] bytes = File.ReadAllBytes(folder.LastPath);
        Assert.Equal(bytes, Checkpoint.Read(bytes, folder.LastPath).ToBytes());
    }

    [Fact]
    public void LoadCsv_WithoutAModelFeatureColumn_ThrowsNamingTheColumn()
    {
        var (data, outcome) = Train(_tables.Mixed(120, 6), "y", s => Mlp(s, epochs: 1));
        string rows = _tables.Write("id,size\nn1,0.5\n");

        var e = Assert.Throws<CsvFormatException>(() => Table(Live(data, outcome)).LoadCsv(rows));
        Assert.Equal("city", e.Column);
        Assert.Contains("'city'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCsv_WithoutTheIdColumn_PredictsWithoutIds_AndWithTargetScoresTheRows()
    {
        var (data, outcome) = Train(_tables.Mixed(120, 6), "y", s => Mlp(s, epochs: 1));
        var input = Table(Live(data, outcome));
        TabularFrame frame = input.LoadCsv(_tables.Write("city,size,y\nnorth,0.5,1\n"));
        Assert.Null(frame.Ids);
        Assert.Null(frame.Target);
        Assert.Single(new Predictor(Live(data, outcome)).PredictTable(frame));

        // With the target read too, the rows can be scored in the target's units; a row without a target is skipped.
        TabularFrame scored = input.LoadCsv(_tables.Write("city,size,y\nnorth,0.5,1\nsouth,1,\neast,-1,-2\n"), withTarget: true);
        Assert.Equal(2, scored.RowCount);
        Assert.NotNull(scored.Target);
        var missing = Assert.Throws<CsvFormatException>(() => input.LoadCsv(_tables.Write("city,size\nnorth,0.5\n"), withTarget: true));
        Assert.Equal("y", missing.Column);
    }

    [Fact]
    public void ImageModel_IsNotATableModel_AndEachPredictCallSaysWhichItTakes()
    {
        var image = new TrainedModel(new MlpSpec(4, [3], 2).Build(new Rng(0)), ModelInfo.Classifier(["a", "b"], new ImageInput(2, 2)));
        string file = _tables.Write("");
        image.Save(file);
        var loaded = TrainedModel.Load(file);
        Assert.Equal(new ImageInput(2, 2), loaded.Info.Input);
        var frame = TabularCsv.Load(_tables.Write("x\n1\n"), new TabularCsvOptions());
        Assert.Contains("not a table", Assert.Throws<DendriteException>(() => new Predictor(loaded).PredictTable(frame)).Message, StringComparison.Ordinal);

        var (data, outcome) = Train(_tables.Mixed(60, 6), "y", s => Mlp(s, epochs: 1));
        Assert.Contains("PredictTable", Assert.Throws<DendriteException>(() => new Predictor(Live(data, outcome)).Predict(new float[4], 1)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ImagePredictions_ScaleRawPixels_AsTrainingDid()
    {
        var module = new MlpSpec(4, [3], 2).Build(new Rng(0));
        var model = new TrainedModel(module, ModelInfo.Classifier(["a", "b"], new ImageInput(2, 2)));
        var predictor = new Predictor(model);
        float[] raw = [0f, 51f, 127.5f, 255f];
        float[] scaled = [.. raw.Select(v => v * (1f / 255f))];
        var fromRaw = predictor.Predict(raw, 1)[0];
        Assert.Equal(predictor.Interpret(predictor.Outputs(scaled, 1), 1)[0].Probabilities, fromRaw.Probabilities);
        Assert.NotEqual(predictor.Interpret(predictor.Outputs(raw, 1), 1)[0].Probabilities, fromRaw.Probabilities);
        Assert.Throws<Tensors.ShapeMismatchException>(() => predictor.Outputs(new float[5], 1));
    }

    [Theory]
    [InlineData(RegressionLoss.Huber)]
    [InlineData(RegressionLoss.L1)]
    public void RobustLosses_TrainARegression_AndDifferFromMse(RegressionLoss loss)
    {
        string path = _tables.Mixed(300, 8);
        var (_, robust) = Train(path, "y", s => Mlp(s, epochs: 40, loss));
        var (_, mse) = Train(path, "y", s => Mlp(s, epochs: 40));

        Assert.True(robust.Epochs[^1].TrainLoss < robust.Epochs[0].TrainLoss / 2, $"{robust.Epochs[0].TrainLoss} → {robust.Epochs[^1].TrainLoss}");
        Assert.True(robust.Test!.RSquared > 0.8, $"R² {robust.Test.RSquared}");
        Assert.NotEqual(mse.Epochs[0].TrainLoss, robust.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Predictor_ServesConcurrentCallers_WithTheSameAnswers()
    {
        var (data, outcome) = Train(_tables.Mixed(300, 10), "y", s => Mlp(s, epochs: 2));
        var predictor = new Predictor(Live(data, outcome));
        var rows = data.Fit.Test!;
        float[] expected = predictor.Outputs(rows.Features, rows.Count);
        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = predictor.Outputs(rows.Features, rows.Count));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    public void Dispose() => _tables.Dispose();
}
