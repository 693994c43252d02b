using Dendrite.Autograd;
using Dendrite.Formats.Models;
using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Models;
using Xunit.Abstractions;

namespace Dendrite.Onnx.Tests.Import;

/// <summary>
/// The committed PyTorch fixtures (Fixtures/make_pytorch_fixtures.py, Debian's python3-torch 1.13): importing each
/// torch.onnx.export file, and loading each state_dict strictly into the same architecture built in Dendrite, both
/// reproduce PyTorch's outputs to 1e-5.
/// </summary>
public sealed class PyTorchFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fixtures() => [.. PyTorchFixture.Names()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void OnnxImport_ReproducesPyTorchOutputs(string name)
    {
        PyTorchFixture fixture = PyTorchFixture.Load(name);

        TrainedModel model = OnnxModel.Import(fixture.OnnxPath);

        float[] actual = Forward(model.Module, fixture);
        double diff = Closeness.RowRelative(actual, fixture.Output, fixture.Outputs);
        output.WriteLine($"import-vs-pytorch onnx {name,-24} opset {fixture.Opset} {diff:E2}");
        Assert.True(diff <= Closeness.Tolerance, $"outputs differ from PyTorch's by {diff:E2}");
        Assert.Equal(PyTorchFixture.Describe(fixture.Architecture), PyTorchFixture.Describe(model.Architecture!));
        Assert.Equal(fixture.Width, model.Info.Input.FeatureCount);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void StateDict_LoadsStrictly_IntoTheSameArchitecture_AndReproducesPyTorchOutputs(string name)
    {
        PyTorchFixture fixture = PyTorchFixture.Load(name);
        Module module = fixture.Architecture.Build(new Rng(0));

        Assert.True(Model.LoadInto(module, fixture.StateDictPath, strict: true).IsExact);

        module.Eval();
        double diff = Closeness.RowRelative(Forward(module, fixture), fixture.Output, fixture.Outputs);
        output.WriteLine($"import-vs-pytorch state_dict {name,-24} {diff:E2}");
        Assert.True(diff <= Closeness.Tolerance, $"outputs differ from PyTorch's by {diff:E2}");
    }

    [Fact]
    public void Fixtures_CoverTheIssuesList()
    {
        string[] names = [.. PyTorchFixture.Names()];
        var ops = names.SelectMany(n => PyTorchFixture.Describe(PyTorchFixture.Load(n).Architecture)).Select(d => d.Split(' ', '(')[0]).ToHashSet();
        foreach (string op in new[] { "relu", "gelu", "gelu_tanh", "batchnorm1d", "layernorm", "leaky_relu", "tanh", "linear" })
            Assert.Contains(op, ops);
    }

    [Fact]
    public void UnsupportedPyTorchOp_IsRefusedInOneLine_NamingTheOpTheNodeAndTheSupportedSet()
    {
        string path = Path.Combine(PyTorchFixture.Folder, "unsupported_hardswish.onnx");

        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(path));

        Assert.Contains("unsupported op HardSwish", e.Message, StringComparison.Ordinal);
        Assert.Contains("/1/HardSwish", e.Message, StringComparison.Ordinal);
        Assert.Contains("supported: Gemm", e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ImportedModel_FineTunes_AndSavesAsADendriteModel()
    {
        PyTorchFixture fixture = PyTorchFixture.Load("gelu_batchnorm");
        TrainedModel model = OnnxModel.Import(fixture.OnnxPath);
        Module module = model.Module;
        int[] labels = [0, 1, 2, 0, 1];

        module.Train();
        var optimizer = new Dendrite.Optim.Sgd(module.Parameters(), new Dendrite.Optim.SgdOptions(0.1f));
        float before = Loss(module, fixture, labels);
        for (int step = 0; step < 20; step++)
        {
            module.ZeroGrad();
            Nn.Functional.F.CrossEntropy(module.Forward(new Tensor(fixture.Input, fixture.Rows, fixture.Width)), labels).Backward();
            optimizer.Step();
        }
        Assert.True(Loss(module, fixture, labels) < before);

        module.Eval();
        using var dir = new TestKit.TempDirectory();
        string path = dir.Combine("tuned.safetensors");
        model.Save(path);
        TrainedModel loaded = TrainedModel.Load(path);
        Assert.Equal(Forward(module, fixture), Forward(loaded.Module, fixture));
    }

    private static float Loss(Module module, PyTorchFixture fixture, int[] labels)
    {
        using var _ = AutogradContext.NoGrad();
        return Nn.Functional.F.CrossEntropy(module.Forward(new Tensor(fixture.Input, fixture.Rows, fixture.Width)), labels).Data[0];
    }

    private static float[] Forward(Module module, PyTorchFixture fixture)
    {
        using var _ = AutogradContext.NoGrad();
        return module.Forward(new Tensor((float[])fixture.Input.Clone(), fixture.Rows, fixture.Width)).Data;
    }
}
