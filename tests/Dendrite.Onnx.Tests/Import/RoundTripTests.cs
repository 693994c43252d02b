using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Training.Models;

namespace Dendrite.Onnx.Tests.Import;

/// <summary>
/// Export then import gives back the same network — the same architecture (Dropout aside, which inference drops) and
/// the same outputs — for every registry activation, so every form the exporter writes is one the importer reads.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string, string, bool> Cases() => Export.ActivationExportTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportThenImport_GivesTheSameNetwork(string activation, string norm, bool customParameters)
    {
        TrainedModel original = TestModels.Classifier(TestModels.Mlp(ActivationRegistry.Get(activation), norm, customParameters, seed: 5));
        float[] x = TestModels.Inputs(32, TestModels.Width, seed: 9);

        TrainedModel imported = OnnxModel.Import(OnnxModel.ToBytes(original), "roundtrip.onnx");

        var expected = ((SequentialConfig)original.Architecture!).Layers.Where(l => l is not DropoutConfig).ToList();
        Assert.Equal(expected, ((SequentialConfig)imported.Architecture!).Layers);
        Assert.True(Closeness.RowRelative(new Predictor(imported).Outputs(x, 32), new Predictor(original).Outputs(x, 32), TestModels.Outputs)
            <= Closeness.Tolerance);
        Assert.Equal(original.Info.ClassNames, imported.Info.ClassNames);
    }

    [Fact]
    public void NetworkOnlyExport_OfARegressor_ImportsAsARegressorWithItsTarget()
    {
        var network = TestModels.Mlp(ActivationRegistry.Get("relu"), "none", false, seed: 1);
        var model = new TrainedModel(network, new ModelInfo(Data.TaskKind.Regression, null, new FeatureInput(TestModels.Width), "price"));

        TrainedModel imported = OnnxModel.Import(OnnxModel.ToBytes(model, new OnnxExportOptions { NetworkOnly = true }));

        Assert.Equal(Data.TaskKind.Regression, imported.Info.Task);
        Assert.Equal("price", imported.Info.TargetName);
    }

    [Fact]
    public void ImportOptions_NameTheTaskAndClasses_OfAFileWithoutMetadata()
    {
        string path = System.IO.Path.Combine(PyTorchFixture.Folder, "leaky_relu_tanh.onnx");

        TrainedModel model = OnnxModel.Import(path, new OnnxImportOptions { ClassNames = ["no", "yes"] });
        Assert.Equal(["no", "yes"], model.Info.ClassNames);

        var e = Assert.ThrowsAny<DendriteException>(() => OnnxModel.Import(path, new OnnxImportOptions { ClassNames = ["a", "b", "c"] }));
        Assert.Contains("3 class names for a model with 2 outputs", e.Message, StringComparison.Ordinal);

        Assert.Equal(Data.TaskKind.Regression, OnnxModel.Import(path, new OnnxImportOptions { Task = Data.TaskKind.Regression }).Info.Task);
    }
}
