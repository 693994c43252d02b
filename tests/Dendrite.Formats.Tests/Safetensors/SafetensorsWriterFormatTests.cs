using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Dendrite.Formats.Safetensors;
using Dendrite.Tensors;

namespace Dendrite.Formats.Tests.Safetensors;

/// <summary>The writer's bytes, checked against the spec and the reference implementation's own test vectors.</summary>
public class SafetensorsWriterFormatTests
{
    [Fact]
    public void SingleTensor_MatchesReferenceBytes_ForcedAlignment()
    {
        // The reference implementation's "forced alignment" vector: a 65-byte header padded with 7 spaces to 72.
        var t = Tensor.FromArray([0f, 1f, 2f, 3f, 4f, 5f], 1, 1, 2, 3);
        byte[] expected = SafetensorsBytes.Build(
            """{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}""", SafetensorsBytes.F32(0, 1, 2, 3, 4, 5));
        Assert.Equal(72ul, SafetensorsBytes.HeaderLength(expected));

        Assert.Equal(expected, SafetensorsWriter.ToBytes([new("attn0", t)]));
    }

    [Fact]
    public void NoTensors_MatchesReferenceBytes()
    {
        byte[] expected = [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32];
        Assert.Equal(expected, SafetensorsWriter.ToBytes([]));
    }

    [Fact]
    public void MetadataOnly_MatchesReferenceBytes()
    {
        byte[] expected = SafetensorsBytes.Build("""{"__metadata__":{"framework":"pt"}}""", []);
        Assert.Equal(40ul, SafetensorsBytes.HeaderLength(expected));
        Assert.Equal(expected, SafetensorsWriter.ToBytes([], new Dictionary<string, string> { ["framework"] = "pt" }));
    }

    [Fact]
    public void Header_IsPaddedWithSpaces_SoDataStartsOn8ByteBoundary_ForEveryNameLength()
    {
        for (int nameLength = 1; nameLength <= 16; nameLength++)
        {
            byte[] bytes = SafetensorsWriter.ToBytes([new(new string('w', nameLength), Tensor.Ones(3))]);
            ulong n = SafetensorsBytes.HeaderLength(bytes);
            Assert.Equal(0ul, (8 + n) % 8);
            string header = SafetensorsBytes.HeaderText(bytes);
            string trimmed = header.TrimEnd(' ');
            Assert.EndsWith("}", trimmed);
            Assert.True(header.Length - trimmed.Length < 8, $"name length {nameLength}: {header.Length - trimmed.Length} spaces");
        }
    }

    [Fact]
    public void Output_IsDeterministic_RegardlessOfInsertionOrder()
    {
        var a = Tensor.Arange(6).Reshape(2, 3);
        var b = Tensor.Full(2f, 4);
        var meta1 = new Dictionary<string, string> { ["x"] = "1", ["a"] = "2" };
        var meta2 = new Dictionary<string, string> { ["a"] = "2", ["x"] = "1" };

        byte[] first = SafetensorsWriter.ToBytes([new("b", b), new("a", a)], meta1);
        byte[] second = SafetensorsWriter.ToBytes([new("a", a), new("b", b)], meta2);

        Assert.Equal(first, second);
        Assert.StartsWith("""{"__metadata__":{"a":"2","x":"1"},"a":""", SafetensorsBytes.HeaderText(first));
    }

    [Fact]
    public void Names_AreSortedByUtf8Bytes_LikeRust()
    {
        // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8 and code-point order,
        // but after it in UTF-16 ordinal order (surrogate D83D < FF21).
        string fullwidth = "\uFF21", emoji = "\U0001F600";
        Assert.True(string.CompareOrdinal(emoji, fullwidth) < 0);

        byte[] bytes = SafetensorsWriter.ToBytes([new(emoji, Tensor.Ones(1)), new(fullwidth, Tensor.Ones(1))]);

        Assert.Equal([fullwidth, emoji], SafetensorsReader.ReadHeader(bytes).Tensors.Select(t => t.Name));
    }

    [Fact]
    public void Strings_AreEscapedLikeSerdeJson_NonAsciiRaw_ControlCharsLowercaseHex()
    {
        byte[] bytes = SafetensorsWriter.ToBytes([new("é\"\\\n\u001f", Tensor.Ones(1))]);
        string header = SafetensorsBytes.HeaderText(bytes);
        Assert.StartsWith("{\"é\\\"\\\\\\n\\u001f\":", header);
    }

    [Fact]
    public void WrittenBytes_ParseWithIndependentJsonReader()
    {
        var w = Tensor.FromArray([1.5f, -2f, 3.25f, 0f, 1e-8f, 7f], 2, 3);
        var b = Tensor.FromArray([0.5f, -0.5f]);
        byte[] bytes = SafetensorsWriter.ToBytes([new("layer.w", w), new("layer.b", b)],
            new Dictionary<string, string> { ["epoch"] = "3" });

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using JsonDocument doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n));
        JsonElement root = doc.RootElement;
        Assert.Equal("3", root.GetProperty("__metadata__").GetProperty("epoch").GetString());
        int dataStart = 8 + (int)n;
        foreach ((string name, Tensor t) in new[] { ("layer.w", w), ("layer.b", b) })
        {
            JsonElement e = root.GetProperty(name);
            Assert.Equal("F32", e.GetProperty("dtype").GetString());
            Assert.Equal(t.ShapeArray, e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()));
            int begin = e.GetProperty("data_offsets")[0].GetInt32(), end = e.GetProperty("data_offsets")[1].GetInt32();
            Assert.Equal(t.Size * 4, end - begin);
            float[] values = Enumerable.Range(0, t.Size)
                .Select(i => BitConverter.ToSingle(bytes, dataStart + begin + 4 * i)).ToArray();
            Assert.Equal(t.Data, values);
        }
        // "layer.b" < "layer.w": b's data comes first, and the buffer ends exactly at the file's end.
        Assert.Equal(0, root.GetProperty("layer.b").GetProperty("data_offsets")[0].GetInt32());
        Assert.Equal(bytes.Length - dataStart, root.GetProperty("layer.w").GetProperty("data_offsets")[1].GetInt32());
    }

    [Fact]
    public void Writer_RejectsEmptyName()
    {
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.ToBytes([new("", Tensor.Ones(1))]));
    }

    [Fact]
    public void Writer_RejectsReservedMetadataName()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafetensorsWriter.ToBytes([new("__metadata__", Tensor.Ones(1))]));
        Assert.Contains("reserved", ex.Message);
    }

    [Fact]
    public void Writer_RejectsDuplicateNames()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            SafetensorsWriter.ToBytes([new("a", Tensor.Ones(1)), new("a", Tensor.Ones(2))]));
        Assert.Contains("duplicate", ex.Message);
    }

    [Fact]
    public void Writer_RejectsLoneSurrogateInName()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafetensorsWriter.ToBytes([new("bad\uD800", Tensor.Ones(1))]));
        Assert.Contains("surrogate", ex.Message);
    }

    [Fact]
    public void Writer_RejectsNullMetadataValue()
    {
        Assert.Throws<ArgumentException>(() =>
            SafetensorsWriter.ToBytes([], new Dictionary<string, string> { ["k"] = null! }));
    }
}
