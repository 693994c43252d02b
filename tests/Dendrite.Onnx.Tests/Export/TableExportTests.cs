using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn.Configs;
using Dendrite.Random;
using Dendrite.TestKit;
using Dendrite.Training;
using Dendrite.Training.Models;
using Dendrite.Training.Runs;
using Xunit.Abstractions;

namespace Dendrite.Onnx.Tests.Export;

/// <summary>
/// Table models whose exported graph takes the raw columns — a numeric column with missing values, a categorical one
/// with missing values and a category never seen in training — and applies the fitted preprocessing itself: ONNX
/// Runtime's outputs match <see cref="Predictor.PredictTable"/> on the same CSV to 1e-5.
/// </summary>
public sealed class TableExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OnnxRuntime_MatchesPredictTable_ForATrainedClassifierWithMissingValuesAndAnUnseenCategory()
    {
        TrainedModel model = Train(new CsvSource(TableCsv.Write(_dir.Combine("train.csv"), "label", 240, seed: 1), "label") { IdColumn = "id" });
        TableInput table = Assert.IsType<TableInput>(model.Info.Input);
        TabularFrame frame = table.LoadCsv(TableCsv.Write(_dir.Combine("new.csv"), "label", 60, seed: 2, unseen: true));
        var predictor = new Predictor(model);
        Prediction[] expected = predictor.PredictTable(frame);

        var ort = OrtSession.Run(OnnxModel.ToBytes(model), Floats(table, frame), Strings(table, frame, missing: ""));

        float[] probabilities = [.. expected.SelectMany(p => p.Probabilities!)];
        double diff = Closeness.RowRelative(ort["probabilities"], probabilities, 3);
        float[] logits = predictor.Outputs(table.Preprocessor.Transform(frame).Features, frame.RowCount);
        double logitDiff = Closeness.RowRelative(ort["logits"], logits, 3);
        output.WriteLine($"ort-vs-dendrite table classifier: probabilities {diff:E2}, logits {logitDiff:E2}");
        Assert.True(diff <= Closeness.Tolerance, $"probabilities differ by {diff:E2}");
        Assert.True(logitDiff <= Closeness.Tolerance, $"logits differ by {logitDiff:E2}");
    }

    [Fact]
    public void MissingMarkers_AreMissing_InWhateverCaseTheCsvReaderAccepts()
    {
        TrainedModel model = Train(new CsvSource(TableCsv.Write(_dir.Combine("train.csv"), "label", 240, seed: 1), "label") { IdColumn = "id" });
        TableInput table = (TableInput)model.Info.Input;
        TabularFrame frame = table.LoadCsv(TableCsv.Write(_dir.Combine("new.csv"), "label", 60, seed: 2, unseen: true));
        byte[] onnx = OnnxModel.ToBytes(model);

        float[] empty = OrtSession.Run(onnx, Floats(table, frame), Strings(table, frame, missing: ""))["probabilities"];
        foreach (string marker in new[] { "NA", "na", "N/a", "NaN", "NULL", "Null", "?" })
            Assert.Equal(empty, OrtSession.Run(onnx, Floats(table, frame), Strings(table, frame, missing: marker))["probabilities"]);
    }

    [Fact]
    public void UnseenCategory_GivesAllZeroOneHot_LikeTheMostNeutralRow()
    {
        TrainedModel model = Train(new CsvSource(TableCsv.Write(_dir.Combine("train.csv"), "label", 240, seed: 1), "label") { IdColumn = "id" });
        TableInput table = (TableInput)model.Info.Input;
        TabularFrame frame = table.LoadCsv(TableCsv.Write(_dir.Combine("new.csv"), "label", 10, seed: 3));
        byte[] onnx = OnnxModel.ToBytes(model);
        var predictor = new Predictor(model);

        // Every row's color replaced by a category no training row had: Dendrite puts zeros in all indicator columns.
        var colors = Strings(table, frame, missing: "");
        colors["color"] = [.. colors["color"].Select(_ => "violet")];
        float[] ort = OrtSession.Run(onnx, Floats(table, frame), colors)["logits"];
        float[] features = table.Preprocessor.Transform(frame).Features;
        int width = table.Preprocessor.FeatureCount;
        int first = Array.FindIndex(table.Preprocessor.FeatureNames, n => n.StartsWith("color=", StringComparison.Ordinal));
        for (int r = 0; r < frame.RowCount; r++)
            for (int k = 0; k < table.Preprocessor.Columns.Single(c => c.Name == "color").Categories!.Length; k++) features[(r * width) + first + k] = 0f;
        Assert.True(Closeness.RowRelative(ort, predictor.Outputs(features, frame.RowCount), 3) <= Closeness.Tolerance);
    }

    [Fact]
    public void OnnxRuntime_MatchesPredictTable_ForATrainedRegressorOnALogTarget()
    {
        TrainedModel model = Train(new CsvSource(TableCsv.Write(_dir.Combine("train.csv"), "price", 240, seed: 4), "price") { IdColumn = "id", LogTarget = true });
        TableInput table = (TableInput)model.Info.Input;
        Assert.True(table.Preprocessor.Target!.Log);
        TabularFrame frame = table.LoadCsv(TableCsv.Write(_dir.Combine("new.csv"), "price", 60, seed: 5, unseen: true));
        Prediction[] expected = new Predictor(model).PredictTable(frame);

        float[] ort = OrtSession.Run(OnnxModel.ToBytes(model), Floats(table, frame), Strings(table, frame, missing: "NA"))["prediction"];

        double diff = Closeness.Relative([.. ort.Select(v => (double)v)], [.. expected.Select(p => p.Values![0])]);
        output.WriteLine($"ort-vs-dendrite table regressor (log target): prediction {diff:E2}");
        Assert.True(diff <= Closeness.Tolerance, $"predictions differ by {diff:E2}");
    }

    [Fact]
    public void OnnxRuntime_MatchesPredictTable_WithMissingIndicators()
    {
        string path = TableCsv.Write(_dir.Combine("train.csv"), "price", 200, seed: 6);
        TabularFrame train = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "price", IdColumn = "id" });
        var preprocessor = TabularPreprocessor.Fit(train, new TabularPreprocessorOptions { MissingIndicators = true });
        Assert.Contains("size_missing", preprocessor.FeatureNames);
        var network = new MlpSpec(preprocessor.FeatureCount, [8], 1, "tanh").Build(new Rng(3));
        var model = new TrainedModel(network, new ModelInfo(TaskKind.Regression, null, new TableInput(preprocessor, "id"), "price"));
        TableInput table = (TableInput)model.Info.Input;
        TabularFrame frame = table.LoadCsv(TableCsv.Write(_dir.Combine("new.csv"), "price", 60, seed: 7, unseen: true));
        Prediction[] expected = new Predictor(model).PredictTable(frame);

        float[] ort = OrtSession.Run(OnnxModel.ToBytes(model), Floats(table, frame), Strings(table, frame, missing: ""))["prediction"];

        double diff = Closeness.Relative([.. ort.Select(v => (double)v)], [.. expected.Select(p => p.Values![0])]);
        output.WriteLine($"ort-vs-dendrite table regressor (missing indicators): prediction {diff:E2}");
        Assert.True(diff <= Closeness.Tolerance, $"predictions differ by {diff:E2}");
    }

    [Fact]
    public void NetworkOnly_WritesThePreprocessingBesideTheFile_AndSaysSo()
    {
        TrainedModel model = Train(new CsvSource(TableCsv.Write(_dir.Combine("train.csv"), "label", 240, seed: 1), "label") { IdColumn = "id" });
        string path = _dir.Combine("net.onnx");

        OnnxExportResult result = OnnxModel.Export(model, path, new OnnxExportOptions { NetworkOnly = true });

        Assert.Equal(["input"], result.Inputs);
        Assert.Equal(_dir.Combine("net.preprocessing.json"), result.PreprocessingPath);
        Assert.Contains("net.preprocessing.json", result.Note, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Note!);
        string json = File.ReadAllText(result.PreprocessingPath!);
        var preprocessor = TabularPreprocessor.FromJson(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("preprocessor").GetRawText());
        Assert.Equal(((TableInput)model.Info.Input).Preprocessor.FeatureNames, preprocessor.FeatureNames);

        TableInput table = (TableInput)model.Info.Input;
        TabularFrame frame = table.LoadCsv(TableCsv.Write(_dir.Combine("new.csv"), "label", 20, seed: 2));
        float[] features = preprocessor.Transform(frame).Features;
        var ort = OrtSession.Run(File.ReadAllBytes(path),
            new Dictionary<string, (float[], int[])> { ["input"] = (features, [frame.RowCount, preprocessor.FeatureCount]) });
        Assert.True(Closeness.RowRelative(ort["logits"], new Predictor(model).Outputs(features, frame.RowCount), 3) <= Closeness.Tolerance);
    }

    [Fact]
    public void RawExport_TakesOneInputPerColumn_NumericFloatAndCategoricalString()
    {
        TrainedModel model = Train(new CsvSource(TableCsv.Write(_dir.Combine("train.csv"), "label", 240, seed: 1), "label") { IdColumn = "id" });

        OnnxExportResult result = OnnxModel.Export(model, _dir.Combine("raw.onnx"));

        Assert.Equal(["size", "color", "weight"], result.Inputs);
        Assert.Equal(["logits", "probabilities"], result.Outputs);
        Assert.Null(result.PreprocessingPath);
        Assert.Null(result.Note);
        Assert.False(File.Exists(_dir.Combine("raw.preprocessing.json")));
    }

    private static TrainedModel Train(CsvSource source)
    {
        RunConfig config = RunConfig.TableDefault(source) with { Training = new TrainerOptions(Epochs: 8, BatchSize: 32) };
        RunData data = RunDataLoader.FromCsv(source, config);
        return new TrainedModel(MlpTraining.Run(config, data).Model, data.Info);
    }

    /// <summary>Numeric columns as float [N, 1], missing as NaN.</summary>
    private static Dictionary<string, (float[], int[])> Floats(TableInput table, TabularFrame frame) =>
        table.Preprocessor.Columns.Where(c => c.Kind == ColumnKind.Numeric).ToDictionary(
            c => c.Name,
            c => ((float[])[.. frame.FindColumn(c.Name)!.Numbers!.Select(v => (float)v)], new[] { frame.RowCount, 1 }));

    /// <summary>Categorical columns as strings, a missing value written as <paramref name="missing"/>.</summary>
    private static Dictionary<string, string[]> Strings(TableInput table, TabularFrame frame, string missing) =>
        table.Preprocessor.Columns.Where(c => c.Kind == ColumnKind.Categorical).ToDictionary(
            c => c.Name, c => (string[])[.. frame.FindColumn(c.Name)!.Values.Select(v => v ?? missing)]);
}
