using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;
using Dendrite.Formats.Safetensors;
using Dendrite.Init;
using Dendrite.Random;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Tabular;

namespace Dendrite.Training.Tests.Tabular;

public sealed class TabularCheckpointTests : IDisposable
{
    private readonly SyntheticTables _tables = new();

    private static TabularSettings Mlp(int epochs = 30, LossKind loss = LossKind.Mse) =>
        new([16], ActivationKind.Relu, LinearInit.Default, Epochs: epochs, BatchSize: 16, LearningRate: 0.05f, Seed: 7, Loss: loss);

    private static readonly string[] Cities = ["north", "south", "east"];

    /// <summary>
    /// "id,city,size,y[,label]": city categorical with ~15% missing, size numeric with ~15% missing,
    /// y = 3·size + city effect + noise; label = "big" when y &gt; 0 else "small".
    /// </summary>
    private string Mixed(int rows, ulong seed, bool withLabel = false)
    {
        var rng = new Rng(seed);
        var sb = new StringBuilder(withLabel ? "id,city,size,label\n" : "id,city,size,y\n");
        for (int i = 0; i < rows; i++)
        {
            int c = (int)(rng.NextDouble() * 3);
            double size = rng.NextNormal();
            double y = 3 * size + (c - 1) * 2 + 0.1 * rng.NextNormal();
            string city = rng.NextDouble() < 0.15 ? "" : Cities[c];
            string sizeText = rng.NextDouble() < 0.15 ? "NA" : size.ToString("R", CultureInfo.InvariantCulture);
            string target = withLabel ? (y > 0 ? "big" : "small") : y.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{city},{sizeText},{target}\n");
        }
        return _tables.Write(sb.ToString());
    }

    /// <summary>New rows without a target, columns reordered, an extra column, an unseen category and missing values.</summary>
    private string NewRows() => _tables.Write(
        "size,extra,city,id\n" +
        "0.5,x,north,n1\n" +
        "-1.25,x,west,n2\n" +   // unseen category → all one-hot zeros
        "NA,x,south,n3\n" +     // missing numeric → training mean
        "2,x,,n4\n" +           // missing categorical → training mode
        ",x,,n5\n");

    private static TabularTrainingOutcome Train(string path, string target, TabularSettings settings)
    {
        TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = target, IdColumn = "id" });
        return TabularTrainer.Train(frame, Splits.TrainTest(frame.RowCount, 0.2, new Rng(1)), settings);
    }

    /// <summary>What the in-memory model predicts for <paramref name="path"/>: its own preprocessor, its own module.</summary>
    private static (float[] Outputs, TabularDataset Data) InMemory(TabularTrainingOutcome outcome, string path)
    {
        TabularFrame frame = TabularCsv.Load(path, outcome.Preprocessor.ConfigureLoading(new TabularCsvOptions { IdColumn = "id" }));
        TabularDataset data = outcome.Preprocessor.Transform(frame);
        return (TabularEvaluator.Outputs(outcome.Model, data), data);
    }

    [Fact]
    public void MixedRegression_RoundTripsThroughSaveLoadAndPredict_BitForBit_WithIdsPassedThrough()
    {
        TabularTrainingOutcome outcome = Train(Mixed(300, 3), "y", Mlp());
        string file = _tables.Write("");
        TabularCheckpoint.Capture(outcome, Mlp(), "id", null).Save(file);

        TabularCheckpoint loaded = TabularCheckpoint.Load(file);
        string rows = NewRows();
        TabularDataset data = loaded.Preprocessor.Transform(loaded.LoadCsv(rows));
        float[] outputs = TabularEvaluator.Outputs(loaded.BuildModel(), data);
        var (expected, expectedData) = InMemory(outcome, rows);

        Assert.Equal(expectedData.Features, data.Features);
        Assert.Equal(expected, outputs);
        Assert.Equal(TabularEvaluator.PredictValues(outcome.Model, expectedData, outcome.Preprocessor),
            TabularEvaluator.PredictValues(loaded.BuildModel(), data, loaded.Preprocessor));
        Assert.Equal(new string?[] { "n1", "n2", "n3", "n4", "n5" }, data.Ids!.AsEnumerable());
        Assert.Equal(TaskKind.Regression, loaded.Task);
        Assert.Equal("y", loaded.Target.Name);
        Assert.Equal("id", loaded.IdColumn);
        Assert.Equal(30, loaded.Epochs);
        // The unseen category "west" contributes nothing: every city indicator of row n2 is 0.
        int[] cityFeatures = loaded.Preprocessor.FeatureNames.Select((n, j) => (n, j)).Where(p => p.n.StartsWith("city=", StringComparison.Ordinal)).Select(p => p.j).ToArray();
        Assert.Equal(3, cityFeatures.Length);
        Assert.All(cityFeatures, j => Assert.Equal(0f, data.Features[1 * data.FeatureCount + j]));
    }

    [Fact]
    public void MixedClassification_RoundTrip_KeepsClassNamesAndOutputs()
    {
        TabularTrainingOutcome outcome = Train(Mixed(300, 4, withLabel: true), "label", Mlp());
        byte[] bytes = TabularCheckpoint.Capture(outcome, Mlp(), "id", ',').ToBytes();
        TabularCheckpoint loaded = TabularCheckpoint.Read(bytes, "mem");

        Assert.Equal(["big", "small"], loaded.ClassNames!);
        Assert.Equal(',', loaded.Delimiter);
        Assert.Equal(2, loaded.Spec.Classes);
        string rows = NewRows();
        TabularDataset data = loaded.Preprocessor.Transform(loaded.LoadCsv(rows));
        Assert.Equal(InMemory(outcome, rows).Outputs, TabularEvaluator.Outputs(loaded.BuildModel(), data));
        // Same checkpoint, same bytes.
        Assert.Equal(bytes, loaded.ToBytes());
    }

    [Fact]
    public void Metadata_HoldsThePreprocessorJson_UnderTheTabularKey_AndTheImageArchitectureKeys()
    {
        TabularTrainingOutcome outcome = Train(Mixed(120, 5), "y", Mlp(epochs: 2));
        byte[] bytes = TabularCheckpoint.Capture(outcome, Mlp(epochs: 2), "id", null).ToBytes();
        var meta = SafetensorsReader.ReadHeader(bytes).Metadata;

        Assert.Contains(TabularCheckpoint.MetadataKey, meta.Keys);
        Assert.Contains(outcome.Preprocessor.ToJson(), meta[TabularCheckpoint.MetadataKey], StringComparison.Ordinal);
        MlpSpec spec = MlpSpecJson.Read(meta[CheckpointKeys.Architecture], "mem");
        Assert.Equal(outcome.Preprocessor.FeatureCount, spec.Inputs);
        Assert.Equal(1, spec.Classes);
    }

    [Fact]
    public void LoadCsv_WithoutAModelFeatureColumn_ThrowsNamingTheColumn()
    {
        TabularTrainingOutcome outcome = Train(Mixed(120, 6), "y", Mlp(epochs: 1));
        TabularCheckpoint checkpoint = TabularCheckpoint.Capture(outcome, Mlp(epochs: 1), "id", null);
        string rows = _tables.Write("id,size\nn1,0.5\n");

        var e = Assert.Throws<CsvFormatException>(() => checkpoint.LoadCsv(rows));
        Assert.Equal("city", e.Column);
        Assert.Contains("'city'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCsv_WithoutTheIdColumn_PredictsWithoutIds()
    {
        TabularTrainingOutcome outcome = Train(Mixed(120, 6), "y", Mlp(epochs: 1));
        TabularCheckpoint checkpoint = TabularCheckpoint.Capture(outcome, Mlp(epochs: 1), "id", null);
        TabularFrame frame = checkpoint.LoadCsv(_tables.Write("city,size,y\nnorth,0.5,1\n"));

        Assert.Null(frame.Ids);
        Assert.Null(frame.Target);
        Assert.Equal(1, checkpoint.Preprocessor.Transform(frame).Count);
    }

    [Fact]
    public void ImageCheckpoint_IsNotTabular_AndReadingItAsOneFailsClearly()
    {
        var spec = new MlpSpec(4, [3], 2, ActivationKind.Relu, LinearInit.Default);
        var model = ModelFactory.BuildMlp(spec, new Rng(0));
        byte[] bytes = Checkpoint.Capture(spec, ["a", "b"], 0, model, new Optim.Sgd(model.Parameters(), new Optim.SgdOptions(0.1f)),
            new Dictionary<string, RngState>(), [], null).ToBytes();
        string file = _tables.Write("");
        File.WriteAllBytes(file, bytes);

        Assert.False(TabularCheckpoint.IsTabular(file));
        Assert.False(TabularCheckpoint.IsTabular(_tables.Write("not safetensors")));
        var e = Assert.Throws<CheckpointFormatException>(() => TabularCheckpoint.Load(file));
        Assert.Contains(TabularCheckpoint.MetadataKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huber_TrainsARegression_AndDiffersFromMse()
    {
        string path = Mixed(300, 8);
        TabularTrainingOutcome huber = Train(path, "y", Mlp(epochs: 40, loss: LossKind.Huber));
        TabularTrainingOutcome mse = Train(path, "y", Mlp(epochs: 40));

        Assert.True(huber.Epochs[^1].TrainLoss < huber.Epochs[0].TrainLoss / 2, $"{huber.Epochs[0].TrainLoss} → {huber.Epochs[^1].TrainLoss}");
        Assert.True(huber.Test!.RSquared > 0.8, $"R² {huber.Test.RSquared}");
        Assert.NotEqual(mse.Epochs[0].TrainLoss, huber.Epochs[0].TrainLoss);
    }

    public void Dispose() => _tables.Dispose();
}
