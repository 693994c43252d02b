using Dendrite.Nn;
using Dendrite.Onnx.Protobuf;
using Dendrite.TestKit;
using Dendrite.TestKit.Fuzzing;
using Google.Protobuf;

namespace Dendrite.Onnx.Tests.Import;

/// <summary>
/// An ONNX file is untrusted input: a damaged, oversized, hostile or unsupported file is refused with one
/// <see cref="DendriteException"/> line naming the file (and the node or tensor), before anything large is allocated.
/// </summary>
public sealed class UntrustedFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ModelProto Valid() =>
        ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(TestModels.Classifier(TestModels.Mlp(ActivationRegistry.Get("relu"), "batchnorm", false, 1))));

    private static void AssertOneLine(DendriteException e, string source)
    {
        Assert.StartsWith(source, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingFile_AndFolder_AreRefusedNamingThePath()
    {
        string missing = _dir.Combine("nope.onnx");
        Assert.Contains("not found", Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(missing)).Message, StringComparison.Ordinal);
        Assert.Contains("is a folder", Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(_dir.Path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, "not an ONNX model")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0 }, "not an ONNX model")]
    public void Garbage_IsRefusedInOneLine(byte[] bytes, string expected)
    {
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(bytes, "junk.onnx"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        AssertOneLine(e, "junk.onnx");
    }

    [Fact]
    public void TruncatedFile_IsRefused()
    {
        byte[] bytes = Valid().ToByteArray();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(bytes[..(bytes.Length / 2)], "cut.onnx"));
        AssertOneLine(e, "cut.onnx");
    }

    [Fact]
    public void FileLargerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        string path = _dir.Combine("big.onnx");
        File.WriteAllBytes(path, Valid().ToByteArray());
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(path, new OnnxImportOptions { MaxFileBytes = 100 }));
        Assert.Contains("more than the limit of 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorClaimingAHugeShape_IsRefused_WithoutAllocatingIt()
    {
        ModelProto model = Valid();
        TensorProto weight = model.Graph.Initializer.First(t => t.Name == "1.weight");
        weight.Dims.Clear();
        weight.Dims.Add([1L << 20, 1L << 20]);
        byte[] bytes = model.ToByteArray();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(bytes, "huge.onnx"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains("initializer '1.weight'", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than the limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorWhoseDataDoesNotMatchItsShape_IsRefused()
    {
        ModelProto model = Valid();
        TensorProto weight = model.Graph.Initializer.First(t => t.Name == "1.weight");
        weight.Dims[0] += 1;
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(model.ToByteArray(), "short.onnx"));
        Assert.Contains("initializer '1.weight' has 120 bytes of data, its shape [7, 5] needs 140", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeDimension_IsRefused()
    {
        ModelProto model = Valid();
        model.Graph.Initializer.First(t => t.Name == "1.bias").Dims[0] = -6;
        Assert.Contains("negative dimension", Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(model.ToByteArray(), "neg.onnx")).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalData_IsRefused()
    {
        ModelProto model = Valid();
        TensorProto weight = model.Graph.Initializer.First(t => t.Name == "1.weight");
        weight.ClearRawData();
        weight.DataLocation = TensorProto.Types.DataLocation.External;
        weight.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        Assert.Contains("external file", Assert.Throws<OnnxFormatException>(() => OnnxModel.Import(model.ToByteArray(), "ext.onnx")).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOp_IsRefused_NamingTheOpAndTheNode()
    {
        ModelProto model = Valid();
        NodeProto relu = model.Graph.Node.First(n => n.OpType == "Relu");
        relu.OpType = "Conv";

        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(model.ToByteArray(), "conv.onnx"));

        Assert.Contains($"unsupported op Conv (node '{relu.Name}')", e.Message, StringComparison.Ordinal);
        Assert.Contains("supported: Gemm", e.Message, StringComparison.Ordinal);
        AssertOneLine(e, "conv.onnx");
    }

    [Fact]
    public void OpOfAnotherDomain_IsRefused_NamingTheDomain()
    {
        ModelProto model = Valid();
        model.Graph.Node.First(n => n.OpType == "Relu").Domain = "com.example";
        Assert.Contains("unsupported op com.example.Relu",
            Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(model.ToByteArray(), "domain.onnx")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedAttributeValue_IsRefused_NamingTheNode()
    {
        ModelProto model = Valid();
        NodeProto gemm = model.Graph.Node.First(n => n.OpType == "Gemm");
        gemm.Attribute.Add(new AttributeProto { Name = "transA", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(model.ToByteArray(), "transa.onnx"));
        Assert.Contains($"node '{gemm.Name}' (Gemm): Gemm with transA = 1 is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResidualConnection_IsRefused_AsNotAChain()
    {
        ModelProto model = Valid();
        NodeProto relu = model.Graph.Node.First(n => n.OpType == "Relu");
        // relu(x) + x, where x is the batch norm's output: a skip connection no Sequential expresses.
        var add = new NodeProto { OpType = "Add", Name = "skip", Input = { relu.Output[0], relu.Input[0] }, Output = { "skip_out" } };
        model.Graph.Node.Insert(model.Graph.Node.IndexOf(relu) + 1, add);
        foreach (NodeProto n in model.Graph.Node.Where(n => n.OpType == "Gemm" && n.Input[0] == relu.Output[0])) n.Input[0] = "skip_out";

        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(model.ToByteArray(), "skip.onnx"));
        AssertOneLine(e, "skip.onnx");
    }

    [Fact]
    public void GraphWithTwoInputs_IsRefused()
    {
        ModelProto model = Valid();
        model.Graph.Input.Add(model.Graph.Input[0].Clone());
        model.Graph.Input[1].Name = "other";
        Assert.Contains("the graph has 2 inputs", Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(model.ToByteArray(), "two.onnx")).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void RawTableExport_IsRefused_WithAHintToExportTheNetworkAlone()
    {
        ModelProto model = Valid();
        model.MetadataProps.Single(p => p.Key == OnnxKeys.GraphInput).Value = OnnxKeys.RawInput;
        model.Graph.Node.First(n => n.OpType == "Relu").OpType = "LabelEncoder";
        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxModel.Import(model.ToByteArray(), "table.onnx"));
        Assert.Contains("export it with --network-only", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("supported: Gemm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void MutatedFiles_ImportOrFailWithOneDendriteExceptionLine()
    {
        byte[][] seeds =
        [
            .. new[] { "relu_flatten", "gelu_batchnorm", "gelu_tanh_layernorm", "glu", "layernorm_opset14" }
                .Select(n => File.ReadAllBytes(System.IO.Path.Combine(PyTorchFixture.Folder, n + ".onnx"))),
            OnnxModel.ToBytes(TestModels.Classifier(TestModels.Mlp(ActivationRegistry.Get("softplus"), "layernorm", true, 2))),
        ];
        var mutator = new Mutator([]);
        FuzzRun.Check("onnx", FuzzRun.Iterations(3000),
            rng => mutator.Mutate(rng, seeds[rng.Next(seeds.Length)]),
            bytes => OnnxModel.Import(bytes, "fuzz.onnx"),
            checkError: (_, e) => e.Message.Contains('\n', StringComparison.Ordinal) ? "message spans lines" : null);
    }
}
