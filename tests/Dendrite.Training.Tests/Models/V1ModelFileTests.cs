using System.Globalization;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Reports;

namespace Dendrite.Training.Tests.Models;

/// <summary>
/// Files written by version 1 (tests/Fixtures/v1, see its README) load with today's code and predict exactly the
/// numbers version 1 printed for them.
/// </summary>
public class V1ModelFileTests
{
    private static string[][] Csv(string name) =>
        [.. File.ReadAllLines(Fixtures.Path("v1/" + name)).Select(l => l.Split(','))];

    private static string R(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void HousesRegression_PredictsPredH_Exactly()
    {
        var model = TrainedModel.Load(Fixtures.Path("v1/houses-regression.safetensors"));
        var input = Assert.IsType<TableInput>(model.Info.Input);
        Assert.Equal(TaskKind.Regression, model.Info.Task);
        Assert.Equal("price", model.Info.TargetName);
        Assert.Equal("id", input.IdColumn);
        Assert.True(input.Preprocessor.Target!.Log); // trained with --log-target
        Assert.Equal(20, model.Epoch);

        TabularFrame frame = input.LoadCsv(Fixtures.Path("v1/houses.csv"));
        Prediction[] predictions = new Predictor(model).PredictTable(frame);
        string[][] expected = Csv("predH.csv");
        Assert.Equal(["id", "price"], expected[0]);
        Assert.Equal(expected.Length - 1, predictions.Length);
        for (int i = 0; i < predictions.Length; i++)
            Assert.Equal((expected[i + 1][0], expected[i + 1][1]), (frame.Ids![i], R(predictions[i].Values![0])));
    }

    [Fact]
    public void PetsClassification_PredictsPredP_Exactly()
    {
        var model = TrainedModel.Load(Fixtures.Path("v1/pets-classification.safetensors"));
        var input = Assert.IsType<TableInput>(model.Info.Input);
        Assert.Equal(TaskKind.Classification, model.Info.Task);
        Assert.Equal(["cat", "dog", "eel"], model.Info.ClassNames!);
        Assert.Equal("kind", model.Info.TargetName);

        TabularFrame frame = input.LoadCsv(Fixtures.Path("v1/pets.csv"));
        Prediction[] predictions = new Predictor(model).PredictTable(frame);
        string[][] expected = Csv("predP.csv");
        Assert.Equal(["id", "kind", "p_cat", "p_dog", "p_eel"], expected[0]);
        Assert.Equal(expected.Length - 1, predictions.Length);
        for (int i = 0; i < predictions.Length; i++)
        {
            Prediction p = predictions[i];
            string[] row = [frame.Ids![i]!, p.ClassName!, .. p.Probabilities!.Select(v => R(v))];
            Assert.Equal(expected[i + 1], row);
        }
    }

    [Fact]
    public void ImageRunCheckpoint_PredictsPredA_AndScoresEvalA()
    {
        string path = Fixtures.Path("v1/image-run-epoch2.safetensors");
        var model = TrainedModel.Load(path);
        Assert.Equal(new ImageInput(28, 28), model.Info.Input);
        Assert.Equal(FashionMnist.ClassNames, model.Info.ClassNames!);
        Assert.Equal(2, model.Epoch);
        Assert.Equal("784-16-10", model.Describe());
        // Version 1 predates batch norm's counter: it starts at 0.
        Assert.All(model.Module.NamedBuffers().Where(b => b.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal)),
            b => Assert.Equal([0f], b.Buffer.Data));

        var test = FashionMnist.Load(Fixtures.Path("v1/idx")).Test;
        var predictor = new Predictor(model);
        Prediction[] predictions = predictor.Interpret(predictor.Outputs(test.Features, test.Count), test.Count);
        // Version 1 predicted on the module's forward pass, which gives the same floats; the predictor's fused plan
        // sums in another order, so its probabilities may differ in the last bit.
        float[] probabilities = Predictions.Softmax(Predictions.Logits(model.Module, test.Features, test.FeatureCount), 10);
        string[][] expected = Csv("predA.csv");
        Assert.Equal(test.Count, expected.Length - 1);
        for (int i = 0; i < test.Count; i++)
        {
            var top = Predictions.TopK(probabilities.AsSpan(10 * i, 10), 10);
            string[] row = [i.ToString(CultureInfo.InvariantCulture), FashionMnist.ClassNames[top[0].Class],
                .. top.SelectMany(t => new[] { FashionMnist.ClassNames[t.Class], R(t.Probability) })];
            Assert.Equal(expected[i + 1], row);
            Assert.Equal(row[1], predictions[i].ClassName);
            for (int c = 0; c < 10; c++) Assert.Equal(probabilities[10 * i + c], predictions[i].Probabilities![c], 1e-6f);
        }

        using var eval = JsonDocument.Parse(File.ReadAllText(Fixtures.Path("v1/evalA.json")));
        JsonElement e = eval.RootElement;
        Evaluation evaluation = Evaluator.Evaluate(model.Module, test);
        Assert.Equal(e.GetProperty("samples").GetInt32(), evaluation.Count);
        Assert.Equal(e.GetProperty("loss").GetDouble(), Math.Round(evaluation.Loss, 5));
        Assert.Equal(e.GetProperty("accuracy").GetDouble(), Math.Round(evaluation.Accuracy, 4));
        var report = ClassificationReport.Evaluate(model.Module, test, model.Info.ClassNames!);
        Assert.Equal(e.GetProperty("macro_f1").GetDouble(), Math.Round(report.MacroF1, 4));
        int[][] confusion = [.. e.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray())];
        for (int t = 0; t < 10; t++)
            for (int p = 0; p < 10; p++) Assert.Equal(confusion[t][p], report.Confusion[t, p]);
    }

    [Theory]
    [InlineData("houses-regression.safetensors")]
    [InlineData("pets-classification.safetensors")]
    [InlineData("image-run-epoch2.safetensors")]
    public void VersionOneFiles_ReadAsVersionTwo_WithoutLosingAnything(string name)
    {
        string path = Fixtures.Path("v1/" + name);
        var v1 = Checkpoint.Load(path);
        Assert.Equal("1", v1.FormatVersion);
        byte[] upgraded = v1.ToBytes();
        var v2 = Checkpoint.Read(upgraded, "upgraded");
        Assert.Equal("2", v2.FormatVersion);
        Assert.Equal(v1.Architecture, v2.Architecture);
        Assert.Equal(ModelInfoJson.Write(v1.Info), ModelInfoJson.Write(v2.Info));
        Assert.Equal(v1.Epoch, v2.Epoch);
        // Version 1 lacks batch norm's counter, which loading adds (as 0) after the stored tensors.
        Assert.Equal(v1.State.Keys.Order(StringComparer.Ordinal), v2.State.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in v1.State) Assert.Equal(tensor.Data, v2.State[key].Data);
        Assert.Equal(v1.Rngs, v2.Rngs);
        Assert.Equal(v1.History, v2.History);
        Assert.Equal(v1.Optimizer.Scalars, v2.Optimizer.Scalars);
        Assert.Equal(v1.Optimizer.Tensors.Keys, v2.Optimizer.Tensors.Keys);
        foreach (var (key, values) in v1.Optimizer.Tensors) Assert.Equal(values, v2.Optimizer.Tensors[key]);
        Assert.Equal(v1.Fit is null, v2.Fit is null);
        if (v1.Fit is not null) Assert.Equal(FitStateJson.Write(v1.Fit), FitStateJson.Write(v2.Fit!));
        Assert.Equal(v1.Config is null, v2.Config is null);
        if (v1.Config is not null) RunConfigAssert.Same(v1.Config, v2.Config!);
        Assert.Equal(upgraded, v2.ToBytes());
    }
}
