using Dendrite.Formats.Safetensors;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Formats.Tests.Safetensors;

public class SafetensorsRoundTripTests
{
    private static Dictionary<string, Tensor> SampleTensors()
    {
        var rng = new Rng(7);
        return new Dictionary<string, Tensor>
        {
            ["2.weight"] = Tensor.Randn(rng, [10, 32]),
            ["0.weight"] = Tensor.Randn(rng, [32, 784]),
            ["0.bias"] = Tensor.Randn(rng, [32]),
            ["scalar"] = Tensor.Scalar(3.5f),
            ["empty"] = Tensor.Zeros(0, 3),
            ["special"] = Tensor.FromArray([
                float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), -0f, float.PositiveInfinity,
                float.NegativeInfinity, float.Epsilon, float.MaxValue, -float.MinValue,
            ], 2, 4),
            ["naïve.名前"] = Tensor.Ones(1, 1, 2),
        };
    }

    private static readonly Dictionary<string, string> SampleMetadata = new()
    {
        ["format"] = "dendrite",
        ["architecture"] = "{\"layers\":[784,32,10],\"activation\":\"relu\"}",
        ["note"] = "line one\nline \"two\"\t\\ ünïcödé \u0001",
    };

    private static void AssertSameTensors(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, Tensor e) in expected)
        {
            Tensor a = actual[name];
            Assert.Equal(e.ShapeArray, a.ShapeArray);
            // Bit patterns, so NaN payloads and -0 count.
            Assert.Equal(e.Data.Select(BitConverter.SingleToInt32Bits), a.Data.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void File_RoundTrip_PreservesNamesShapesBitsAndMetadata()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        Dictionary<string, Tensor> tensors = SampleTensors();

        SafetensorsWriter.Write(path, tensors, SampleMetadata);
        SafetensorsFile file = SafetensorsReader.Read(path);

        AssertSameTensors(tensors, file.Tensors);
        Assert.Equal(SampleMetadata.OrderBy(kv => kv.Key), file.Metadata.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Read_EnumeratesTensors_InFileOrder_WhichIsNameOrder()
    {
        byte[] bytes = SafetensorsWriter.ToBytes(SampleTensors());
        SafetensorsFile file = SafetensorsReader.Read(bytes);
        string[] expected = SampleTensors().Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, file.Tensors.Keys.ToArray());
        Assert.Equal(expected, file.Header.Tensors.Select(t => t.Name).ToArray());
    }

    [Fact]
    public void Stream_RoundTrip_Works_AndLeavesStreamOpen()
    {
        using var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, SampleTensors(), SampleMetadata);
        Assert.True(stream.CanWrite);
        stream.Position = 0;

        SafetensorsFile file = SafetensorsReader.Read(stream, "mem");

        AssertSameTensors(SampleTensors(), file.Tensors);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Read_FromNonSeekableStream_Works()
    {
        byte[] bytes = SafetensorsWriter.ToBytes(SampleTensors(), SampleMetadata);
        using var stream = new ForwardOnlyStream(bytes);
        SafetensorsFile file = SafetensorsReader.Read(stream, "pipe");
        AssertSameTensors(SampleTensors(), file.Tensors);
    }

    [Fact]
    public void Read_FromStreamAtNonZeroPosition_ReadsFromThere()
    {
        byte[] bytes = SafetensorsWriter.ToBytes(SampleTensors());
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]);
        stream.Write(bytes);
        stream.Position = 3;
        AssertSameTensors(SampleTensors(), SafetensorsReader.Read(stream).Tensors);
    }

    [Fact]
    public void ToBytes_EqualsFileBytes()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.safetensors");
        SafetensorsWriter.Write(path, SampleTensors(), SampleMetadata);
        Assert.Equal(SafetensorsWriter.ToBytes(SampleTensors(), SampleMetadata), File.ReadAllBytes(path));
    }

    [Fact]
    public void EmptySet_RoundTrips_WithMetadata()
    {
        byte[] bytes = SafetensorsWriter.ToBytes([], new Dictionary<string, string> { ["k"] = "v" });
        SafetensorsFile file = SafetensorsReader.Read(bytes);
        Assert.Empty(file.Tensors);
        Assert.Equal("v", file.Metadata["k"]);
    }

    [Fact]
    public void NoMetadata_ReadsAsEmptyDictionary()
    {
        SafetensorsFile file = SafetensorsReader.Read(SafetensorsWriter.ToBytes(SampleTensors()));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void LoadedTensors_AreIndependentLeaves()
    {
        var t = Tensor.FromArray([1f, 2f]);
        SafetensorsFile file = SafetensorsReader.Read(SafetensorsWriter.ToBytes([new("t", t)]));
        Tensor loaded = file.Tensors["t"];
        Assert.False(loaded.RequiresGrad);
        Assert.NotSame(t.Data, loaded.Data);
    }

    [Fact]
    public void ParameterTensors_CanBeWritten()
    {
        var p = new Parameter([1f, 2f, 3f, 4f], 2, 2);
        SafetensorsFile file = SafetensorsReader.Read(SafetensorsWriter.ToBytes([new("w", p)]));
        Assert.Equal(p.Data, file.Tensors["w"].Data);
    }
}
