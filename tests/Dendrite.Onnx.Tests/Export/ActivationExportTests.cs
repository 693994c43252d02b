using Dendrite.Nn;
using Dendrite.Training.Models;
using Xunit.Abstractions;

namespace Dendrite.Onnx.Tests.Export;

/// <summary>
/// Every <see cref="ActivationRegistry"/> entry (iterated, so a new one is covered without a test edit), alone and
/// after BatchNorm1d or LayerNorm, with default and with other parameters: the exported file, run by ONNX Runtime,
/// gives Dendrite's own outputs (the <see cref="Predictor"/>, which runs the fused plan where it can) to 1e-5.
/// </summary>
public sealed class ActivationExportTests(ITestOutputHelper output)
{
    private const int Rows = 64;

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (ActivationInfo info in ActivationRegistry.All)
            foreach (string norm in new[] { "none", "batchnorm", "layernorm" })
            {
                data.Add(info.Name, norm, false);
                if (info.Parameters.Count > 0) data.Add(info.Name, norm, true);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntime_MatchesPredictor_ForEveryActivation(string activation, string norm, bool customParameters)
    {
        ActivationInfo info = ActivationRegistry.Get(activation);
        TrainedModel model = TestModels.Classifier(TestModels.Mlp(info, norm, customParameters, seed: 7));
        float[] x = TestModels.Inputs(Rows, TestModels.Width, seed: 11);

        var predictor = new Predictor(model);
        float[] logits = predictor.Outputs(x, Rows);
        float[] probabilities = [.. predictor.Predict(x, Rows).SelectMany(p => p.Probabilities!)];

        byte[] onnx = OnnxModel.ToBytes(model);
        double logitDiff = 0, probabilityDiff = 0;
        foreach (bool optimize in new[] { false, true }) // the graph as written, and as ONNX Runtime fuses it by default
        {
            var ort = OrtSession.Run(onnx, new Dictionary<string, (float[], int[])> { ["input"] = (x, [Rows, TestModels.Width]) }, optimize: optimize);
            logitDiff = Math.Max(logitDiff, Closeness.RowRelative(ort["logits"], logits, TestModels.Outputs));
            probabilityDiff = Math.Max(probabilityDiff, Closeness.RowRelative(ort["probabilities"], probabilities, TestModels.Outputs));
        }
        output.WriteLine($"ort-vs-dendrite {activation,-12} {norm,-9} {(customParameters ? "custom" : "default"),-7} logits {logitDiff:E2} probabilities {probabilityDiff:E2}");
        Assert.True(logitDiff <= Closeness.Tolerance, $"logits differ by {logitDiff:E2}");
        Assert.True(probabilityDiff <= Closeness.Tolerance, $"probabilities differ by {probabilityDiff:E2}");
    }

    [Fact]
    public void Export_RunsWithAnyBatchSize()
    {
        TrainedModel model = TestModels.Classifier(TestModels.Mlp(ActivationRegistry.Get("gelu"), "batchnorm", false, seed: 3));
        byte[] onnx = OnnxModel.ToBytes(model);
        var predictor = new Predictor(model);
        foreach (int rows in new[] { 1, 2, 257 })
        {
            float[] x = TestModels.Inputs(rows, TestModels.Width, seed: (ulong)rows);
            var ort = OrtSession.Run(onnx, new Dictionary<string, (float[], int[])> { ["input"] = (x, [rows, TestModels.Width]) });
            Assert.True(Closeness.RowRelative(ort["logits"], predictor.Outputs(x, rows), TestModels.Outputs) <= Closeness.Tolerance);
        }
    }
}
