using Dendrite.Formats.Safetensors;
using Dendrite.Tensors;

namespace Dendrite.Formats.Tests.Safetensors;

public class SafetensorsHeaderOnlyTests
{
    private static byte[] Model() => SafetensorsWriter.ToBytes(
        [new("0.weight", Tensor.Zeros(32, 784)), new("0.bias", Tensor.Zeros(32)), new("2.weight", Tensor.Zeros(10, 32))],
        new Dictionary<string, string> { ["architecture"] = "mlp 784-32-10" });

    [Fact]
    public void ReadHeader_ReturnsNamesShapesDtypesOffsetsAndMetadata()
    {
        byte[] bytes = Model();
        SafetensorsHeader header = SafetensorsReader.ReadHeader(bytes, "m");

        Assert.Equal(["0.bias", "0.weight", "2.weight"], header.Tensors.Select(t => t.Name));
        Assert.Equal([32, 784], header.Tensors[1].Shape);
        Assert.Equal("[32, 784]", header.Tensors[1].ShapeString);
        Assert.All(header.Tensors, t => Assert.Equal(SafetensorsDtype.F32, t.Dtype));
        Assert.Equal(32L * 784, header.Tensors[1].ElementCount);
        Assert.Equal(128, header.Tensors[1].DataBegin);
        Assert.Equal(128 + 32 * 784 * 4, header.Tensors[1].DataEnd);
        Assert.Equal("mlp 784-32-10", header.Metadata["architecture"]);
        Assert.Equal(bytes.Length, header.FileLength);
        Assert.Equal(0, header.DataStart % 8);
    }

    [Fact]
    public void ReadHeader_ReadsOnlyTheHeaderBytes()
    {
        byte[] bytes = Model();
        using var stream = new CountingStream(bytes);
        SafetensorsHeader header = SafetensorsReader.ReadHeader(stream, "m");
        Assert.Equal(header.DataStart, stream.BytesRead);
        Assert.True(stream.BytesRead < bytes.Length / 10);
    }

    [Fact]
    public void ReadHeader_FromFile_ValidatesAgainstRealFileSize()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.safetensors");
        File.WriteAllBytes(path, Model()[..^4]);
        var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.ReadHeader(path));
        Assert.Contains("tensor '2.weight'", ex.Message);
        Assert.Contains("run past the end", ex.Message);
    }

    [Fact]
    public void TensorInfo_ToString_ShowsNameDtypeAndShape()
    {
        SafetensorsHeader header = SafetensorsReader.ReadHeader(Model());
        Assert.Equal("2.weight: F32 [10, 32]", header.Tensors[2].ToString());
    }
}
