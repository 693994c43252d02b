using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Formats.Safetensors;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Onnx.Tests.Import;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.TestKit;
using Dendrite.Training;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;
using CliEntry = Dendrite.Cli.Cli;

namespace Dendrite.Onnx.Tests.Cli;

/// <summary><c>dendrite export</c> and <c>dendrite import</c>: files written, one line per result, exit 2 and one stderr line for a user error.</summary>
public sealed class ExportImportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliEntry.Run(args, stdout, stderr, Dendrite.Cli.CliServices.Default);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string SavedClassifier(string name = "model.safetensors")
    {
        string path = _dir.Combine(name);
        TestModels.Classifier(TestModels.Mlp(ActivationRegistry.Get("gelu"), "batchnorm", false, seed: 2)).Save(path);
        return path;
    }

    [Fact]
    public void Export_WritesAnOnnxFile_ThatOnnxRuntimeRunsLikeTheModel()
    {
        string model = SavedClassifier();
        string onnx = _dir.Combine("model.onnx");

        var (code, stdout, stderr) = Run("export", model, "--format", "onnx", "--out", onnx);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith($"wrote {onnx}: 5-6-3, ONNX opset 17; inputs input; outputs logits, probabilities", stdout, StringComparison.Ordinal);
        float[] x = TestModels.Inputs(8, TestModels.Width, seed: 1);
        var ort = OrtSession.Run(File.ReadAllBytes(onnx), new Dictionary<string, (float[], int[])> { ["input"] = (x, [8, TestModels.Width]) });
        Assert.True(Closeness.RowRelative(ort["logits"], new Predictor(TrainedModel.Load(model)).Outputs(x, 8), 3) <= Closeness.Tolerance);
        var metadata = OrtSession.Metadata(File.ReadAllBytes(onnx));
        Assert.Equal("[\"a\",\"b\",\"c\"]", metadata["dendrite.class_names"]);
        Assert.Equal("classification", metadata["dendrite.task"]);
        Assert.False(string.IsNullOrEmpty(metadata[OnnxKeys.Version]));
    }

    [Fact]
    public void ExportSafetensors_OfARunCheckpoint_DropsTheTrainingState_SoPyTorchLoadsItStrictly()
    {
        // A real run: Adam moments ("optim.*") and early-stopping weights ("early_stopping.*") ride in its checkpoints.
        var source = new CsvSource(Export.TableCsv.Write(_dir.Combine("t.csv"), "label", 120, seed: 1), "label") { IdColumn = "id" };
        RunConfig config = RunConfig.TableDefault(source) with
        {
            Optimizer = new OptimizerSettings(OptimizerKind.Adam, 0.01f, 0f),
            Training = new TrainerOptions(Epochs: 3, BatchSize: 32),
            Policy = new TrainingPolicy(ValidationFraction: 0.25, EarlyStopping: new EarlyStoppingSpec(5)),
        };
        string run = _dir.Combine("run");
        RunTraining.Start(RunFolder.Create(run), config, RunDataLoader.FromCsv(source, config));
        string checkpoint = Path.Combine(run, RunFolder.LastFile);
        var stored = SafetensorsReader.Read(checkpoint).Tensors.Keys.ToList();
        Assert.Contains(stored, n => n.StartsWith("optim.", StringComparison.Ordinal));
        Assert.Contains(stored, n => n.StartsWith("early_stopping.", StringComparison.Ordinal));
        string plain = _dir.Combine("plain.safetensors");

        var (code, stdout, stderr) = Run("export", run, "--format", "safetensors", "--out", plain);

        Assert.True(code == 0, stderr);
        Assert.Contains("the network's tensors only", stdout, StringComparison.Ordinal);
        TrainedModel model = TrainedModel.Load(plain);
        Assert.Equal(model.Module.StateDict().Keys.Order(StringComparer.Ordinal), SafetensorsReader.Read(plain).Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TrainedModel.Load(checkpoint).Info.ClassNames, model.Info.ClassNames);
    }

    [Fact]
    public void ExportNetworkOnly_OfATableModel_SaysWhereThePreprocessingWent()
    {
        string csv = Export.TableCsv.Write(_dir.Combine("t.csv"), "label", 80, seed: 1);
        TabularFrame frame = TabularCsv.Load(csv, new TabularCsvOptions { TargetColumn = "label", IdColumn = "id" });
        var preprocessor = TabularPreprocessor.Fit(frame);
        var model = new TrainedModel(new MlpSpec(preprocessor.FeatureCount, [4], 3).Build(new Rng(1)),
            new ModelInfo(TaskKind.Classification, preprocessor.Target!.ClassNames, new TableInput(preprocessor, "id"), "label"));
        string path = _dir.Combine("table.safetensors");
        model.Save(path);

        var (code, stdout, _) = Run("export", path, "--network-only", "--out", _dir.Combine("table.onnx"));

        Assert.Equal(0, code);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("note: the graph takes the preprocessed features", lines[1], StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("table.preprocessing.json")));
    }

    [Fact]
    public void Import_WritesADendriteModel_ThatReproducesPyTorch()
    {
        PyTorchFixture fixture = PyTorchFixture.Load("gelu_batchnorm");
        string output = _dir.Combine("imported.safetensors");

        var (code, stdout, _) = Run("import", fixture.OnnxPath, "--out", output, "--classes", "x, y, z");

        Assert.Equal(0, code);
        Assert.Equal($"wrote {output}: 6-16-3 (Linear, BatchNorm1d, GELU, Linear), classification into 3 classes\n", stdout);
        TrainedModel model = TrainedModel.Load(output);
        Assert.Equal(["x", "y", "z"], model.Info.ClassNames);
        Assert.True(Closeness.RowRelative(new Predictor(model).Outputs(fixture.Input, fixture.Rows), fixture.Output, fixture.Outputs) <= Closeness.Tolerance);
    }

    [Fact]
    public void Import_OfAnUnsupportedOp_ExitsWith2AndOneLine()
    {
        var (code, stdout, stderr) = Run("import", Path.Combine(PyTorchFixture.Folder, "unsupported_hardswish.onnx"), "--out", _dir.Combine("x.safetensors"));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unsupported op HardSwish (node '/1/HardSwish')", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("x.safetensors")));
    }

    [Theory]
    [InlineData("export needs --out FILE", "export", "MODEL")]
    [InlineData("--format must be one of", "export", "MODEL", "--format", "pt", "--out", "x")]
    [InlineData("--network-only applies to --format onnx only", "export", "MODEL", "--format", "safetensors", "--network-only", "--out", "x")]
    [InlineData("import needs --out FILE", "import", "model.onnx")]
    [InlineData("--classes applies to classification only", "import", "model.onnx", "--task", "regression", "--classes", "a,b", "--out", "x")]
    public void UsageErrors_ExitWith2AndOneLine(string expected, params string[] args)
    {
        string model = SavedClassifier();
        var (code, _, stderr) = Run([.. args.Select(a => a == "MODEL" ? model : a)]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Help_ListsExportAndImport()
    {
        var (_, stdout, _) = Run("--help");
        Assert.Contains("  export    write a saved model as ONNX", stdout, StringComparison.Ordinal);
        Assert.Contains("  import    turn an ONNX MLP", stdout, StringComparison.Ordinal);
    }
}
