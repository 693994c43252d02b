using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Onnx.Protobuf;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;
using Dendrite.Training.Models;

namespace Dendrite.Onnx.Tests.Export;

/// <summary>What an exported file declares: opset, dynamic batch, inputs for images, metadata, and refusals.</summary>
public sealed class ExportFormTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TrainedModel ImageClassifier() =>
        new(new MlpSpec(16, [8], 3, "silu", Dropout: 0.2f).Build(new Rng(4)), ModelInfo.Classifier(["cat", "dog", "émeu"], new ImageInput(4, 4)));

    [Fact]
    public void ImageModel_TakesRawPixels_AndScalesThemInTheGraph()
    {
        TrainedModel model = ImageClassifier();
        float[] pixels = [.. TestModels.Inputs(10, 16, seed: 3).Select(v => MathF.Round(MathF.Abs(v) * 40) % 256)];

        var ort = OrtSession.Run(OnnxModel.ToBytes(model), new Dictionary<string, (float[], int[])> { ["pixels"] = (pixels, [10, 16]) });

        float[] expected = [.. new Predictor(model).Predict(pixels, 10).SelectMany(p => p.Probabilities!)];
        Assert.True(Closeness.RowRelative(ort["probabilities"], expected, 3) <= Closeness.Tolerance);
    }

    [Fact]
    public void Export_DeclaresOpset17_ADynamicBatch_AndItsMeaningInMetadata()
    {
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(ImageClassifier()));

        Assert.Equal(8, proto.IrVersion);
        Assert.Equal([("", 17L)], proto.OpsetImport.Select(o => (o.Domain, o.Version)));
        Assert.Equal("batch", proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(16, proto.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
        var meta = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["cat", "dog", "émeu"], System.Text.Json.JsonSerializer.Deserialize<string[]>(meta["dendrite.class_names"])!);
        Assert.Equal("classification", meta["dendrite.task"]);
        Assert.Equal(OnnxKeys.RawInput, meta[OnnxKeys.GraphInput]);
        Assert.Equal(ImageClassifier().Architecture, LayerConfigJson.Read(meta["dendrite.architecture"], "meta"));
        // The library's own version (VersionPrefix in Directory.Build.props), possibly with a +commit suffix.
        string libraryVersion = typeof(Dendrite.Nn.Module).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(libraryVersion, meta[OnnxKeys.Version], StringComparison.Ordinal);
        Assert.Equal("Dendrite", proto.ProducerName);
    }

    [Fact]
    public void TableModel_ImportsTheMlDomain_AtOpset2()
    {
        string csv = TableCsv.Write(_dir.Combine("t.csv"), "label", 60, seed: 1);
        var frame = Data.Tabular.TabularCsv.Load(csv, new Data.Tabular.TabularCsvOptions { TargetColumn = "label", IdColumn = "id" });
        var preprocessor = Data.Tabular.TabularPreprocessor.Fit(frame);
        var model = new TrainedModel(new MlpSpec(preprocessor.FeatureCount, [4], 3).Build(new Rng(1)),
            new ModelInfo(TaskKind.Classification, preprocessor.Target!.ClassNames, new TableInput(preprocessor), "label"));

        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(model));

        Assert.Contains(("ai.onnx.ml", 2L), proto.OpsetImport.Select(o => (o.Domain, o.Version)));
        Assert.Equal(TensorProto.Types.DataType.String, (TensorProto.Types.DataType)proto.Graph.Input.Single(i => i.Name == "color").Type.TensorType.ElemType);
    }

    [Fact]
    public void NetworkOnlyImageExport_ImportsBackAsAnImageModel()
    {
        TrainedModel imported = OnnxModel.Import(OnnxModel.ToBytes(ImageClassifier(), new OnnxExportOptions { NetworkOnly = true }));
        Assert.Equal(new ImageInput(4, 4), imported.Info.Input);
        Assert.Equal(["cat", "dog", "émeu"], imported.Info.ClassNames);
    }

    [Fact]
    public void NetworkAlone_HasInputAndOutput_AndRunsInOnnxRuntime()
    {
        Sequential network = TestModels.Mlp(ActivationRegistry.Get("mish"), "layernorm", false, seed: 8);
        float[] x = TestModels.Inputs(4, TestModels.Width, seed: 2);
        string path = _dir.Combine("net.onnx");

        OnnxModel.Export(network, TestModels.Width, path);

        var ort = OrtSession.Run(File.ReadAllBytes(path), new Dictionary<string, (float[], int[])> { ["input"] = (x, [4, TestModels.Width]) });
        network.Eval();
        using var _ = Autograd.AutogradContext.NoGrad();
        Assert.True(Closeness.RowRelative(ort["output"], network.Forward(new Tensor(x, 4, TestModels.Width)).Data, 3) <= Closeness.Tolerance);
    }

    [Fact]
    public void CustomModule_IsRefused_NamingTheLayer()
    {
        var model = TestModels.Classifier(new Sequential(new Linear(TestModels.Width, 3, new Rng(1)), new Doubler()));
        var e = Assert.Throws<DendriteException>(() => OnnxModel.ToBytes(model));
        Assert.Equal("layer 1 is Doubler, not a library layer; only Sequentials of library layers export to ONNX", e.Message);
    }

    [Fact]
    public void Export_IsWrittenAtomically_AndNamesAnUnwritablePath()
    {
        string path = Path.Combine(_dir.Combine("missing-folder"), "m.onnx");
        var e = Assert.Throws<DendriteException>(() => OnnxModel.Export(ImageClassifier(), path));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    private sealed class Doubler : Module
    {
        public override Tensor Forward(Tensor input) => input * 2f;
    }
}
