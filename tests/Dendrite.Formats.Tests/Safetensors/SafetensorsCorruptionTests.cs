using System.Text;
using Dendrite.Formats.Safetensors;
using Dendrite.Tensors;

namespace Dendrite.Formats.Tests.Safetensors;

/// <summary>
/// Every way a file can be broken gives a one-line <see cref="SafetensorsFormatException"/> that names the source
/// and the problem, never an IndexOutOfRange, JsonException or out-of-memory.
/// </summary>
public class SafetensorsCorruptionTests
{
    private const string Source = "model.safetensors";

    private static SafetensorsFormatException AssertRejected(byte[] bytes, string expectedFragment)
    {
        var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(bytes, Source));
        Assert.StartsWith(Source + ": ", ex.Message);
        Assert.Contains(expectedFragment, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(Source, ex.SourceName);
        // The header-only read applies the same validation.
        var headerEx = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.ReadHeader(bytes, Source));
        Assert.Equal(ex.Message, headerEx.Message);
        return ex;
    }

    private static byte[] File(string header, int dataBytes) => SafetensorsBytes.Build(header, new byte[dataBytes]);

    private static byte[] ValidFile() => SafetensorsWriter.ToBytes(
        [new("a", Tensor.Arange(6)), new("b", Tensor.Ones(2, 2))], new Dictionary<string, string> { ["k"] = "v" });

    [Fact]
    public void EmptyFile_IsRejected()
    {
        AssertRejected([], "file is empty");
    }

    [Fact]
    public void FileShorterThanLengthField_IsRejected()
    {
        AssertRejected([1, 2, 3, 4, 5], "only 5 bytes");
    }

    [Fact]
    public void PngFile_IsRejected_AsNotSafetensors()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89];
        var ex = AssertRejected(png, "not a safetensors file");
        Assert.Contains("89504E470D0A1A0A", ex.Message);
    }

    [Fact]
    public void TextFile_IsRejected_AsNotSafetensors()
    {
        AssertRejected(Encoding.UTF8.GetBytes("epoch,loss\n1,0.52\n2,0.41\n3,0.37\n"), "not a safetensors file");
    }

    [Fact]
    public void HeaderLengthBeyondFileSize_IsRejected_WithoutAllocatingIt()
    {
        // Claims a 99 MB header in a 30-byte file: must be refused from the length alone.
        byte[] bytes = SafetensorsBytes.Build(Encoding.UTF8.GetBytes("{}"), 99_000_000, new byte[20]);
        AssertRejected(bytes, "header length 99000000 is larger than the 22 bytes that follow it");
    }

    [Fact]
    public void HeaderLengthAbove100MB_IsRejected()
    {
        byte[] bytes = SafetensorsBytes.Build(Encoding.UTF8.GetBytes("{}"), 100_000_001, []);
        AssertRejected(bytes, "exceeds the 100000000-byte limit");
    }

    [Fact]
    public void HeaderLengthOfUInt64Max_IsRejected()
    {
        byte[] bytes = SafetensorsBytes.Build(Encoding.UTF8.GetBytes("{}"), ulong.MaxValue, []);
        AssertRejected(bytes, "exceeds the 100000000-byte limit");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void HeaderLengthBelowTwo_IsRejected(int n)
    {
        byte[] bytes = SafetensorsBytes.Build(Encoding.UTF8.GetBytes("{}"), (ulong)n, []);
        AssertRejected(bytes, $"header length {n} is too small");
    }

    [Fact]
    public void HeaderNotStartingWithBrace_IsRejected()
    {
        AssertRejected(File("[1, 2, 3]", 0), "does not start with '{'");
    }

    [Fact]
    public void HeaderWithInvalidUtf8_IsRejected()
    {
        byte[] header = [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'];
        AssertRejected(SafetensorsBytes.Build(header, (ulong)header.Length, []), "not valid UTF-8");
    }

    [Fact]
    public void HeaderWithInvalidJson_IsRejected()
    {
        AssertRejected(File("{\"a\": {\"dtype\": \"F32\",", 0), "header is not valid JSON");
    }

    [Fact]
    public void HeaderPaddedWithZeroBytes_IsRejected_AsInvalidJson()
    {
        byte[] header = [.. Encoding.UTF8.GetBytes("{}"), 0, 0, 0, 0, 0, 0];
        AssertRejected(SafetensorsBytes.Build(header, (ulong)header.Length, []), "header is not valid JSON");
    }

    [Theory]
    [InlineData("""{"w\ud800":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""")]      // a tensor name
    [InlineData("""{"w":{"dtype":"F\udc00","shape":[2],"data_offsets":[0,8]}}""")]      // a dtype
    [InlineData("""{"__metadata__":{"k":"v\ud800"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""")] // metadata
    public void StringEscapingHalfASurrogatePair_IsRejected_NotAnInvalidOperation(string header)
    {
        // Found by the fuzz test: System.Text.Json parses "\ud800" but throws InvalidOperationException reading it.
        AssertRejected(File(header, 8), "invalid \\u escape");
    }

    [Fact]
    public void UnknownDtype_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}""", 8), "tensor 'w' has unknown dtype 'F33'");
    }

    [Fact]
    public void DtypeNotAString_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":32,"shape":[2],"data_offsets":[0,8]}}""", 8), "tensor 'w' dtype is a JSON Number");
    }

    [Fact]
    public void MissingDtype_IsRejected()
    {
        AssertRejected(File("""{"w":{"shape":[2],"data_offsets":[0,8]}}""", 8), "tensor 'w' has no 'dtype'");
    }

    [Fact]
    public void MissingShape_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","data_offsets":[0,8]}}""", 8), "tensor 'w' has no 'shape'");
    }

    [Fact]
    public void MissingDataOffsets_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[2]}}""", 8), "tensor 'w' has no 'data_offsets'");
    }

    [Fact]
    public void RepeatedKeyInsideEntry_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","dtype":"F64","shape":[2],"data_offsets":[0,8]}}""", 8), "has 'dtype' twice");
    }

    [Fact]
    public void EntryNotAnObject_IsRejected()
    {
        AssertRejected(File("""{"w":[1,2]}""", 0), "tensor 'w' is a JSON Array");
    }

    [Fact]
    public void NegativeShapeDimension_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[2,-1],"data_offsets":[0,8]}}""", 8), "shape has -1 at position 1");
    }

    [Fact]
    public void FractionalShapeDimension_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}""", 8), "shape has 2.5 at position 0");
    }

    [Fact]
    public void ShapeNotAnArray_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":"2x2","data_offsets":[0,16]}}""", 16), "shape is a JSON String");
    }

    [Fact]
    public void ShapeDimensionAboveInt32_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"U8","shape":[3000000000],"data_offsets":[0,8]}}""", 8), "exceeds 2147483647");
    }

    [Fact]
    public void ShapeWhoseElementCountOverflows_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", 8),
            "more elements than fit in 64 bits");
    }

    [Fact]
    public void OffsetsNotMatchingShapeTimesDtype_AreRejected_WithExactMessage()
    {
        var ex = AssertRejected(File("""{"0.weight":{"dtype":"F32","shape":[10,784],"data_offsets":[0,100]}}""", 100), "");
        Assert.Equal("model.safetensors: tensor '0.weight' data_offsets [0, 100] do not match shape [10, 784] × F32 = 31360 bytes",
            ex.Message);
    }

    [Fact]
    public void OffsetsWithWrongArity_AreRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4,8]}}""", 8), "expected [begin, end]");
    }

    [Fact]
    public void NegativeOffset_IsRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}""", 8), "data_offsets has -8");
    }

    [Fact]
    public void OffsetsEndingBeforeTheyBegin_AreRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}""", 8), "end before they begin");
    }

    [Fact]
    public void OffsetsPastEndOfData_AreRejected()
    {
        AssertRejected(File("""{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 12), "run past the end of the 12-byte data buffer");
    }

    [Fact]
    public void TruncatedFile_IsRejected()
    {
        byte[] valid = ValidFile();
        AssertRejected(valid[..^5], "file truncated?");
    }

    [Fact]
    public void TruncatedAtEveryLength_AlwaysGivesFormatException()
    {
        byte[] valid = ValidFile();
        for (int length = 0; length < valid.Length; length++)
        {
            byte[] cut = valid[..length];
            var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(cut, Source));
            Assert.StartsWith(Source + ": ", ex.Message);
        }
    }

    [Fact]
    public void EveryHeaderByteFlip_EitherParsesOrGivesFormatException()
    {
        byte[] valid = ValidFile();
        int headerEnd = 8 + (int)SafetensorsBytes.HeaderLength(valid);
        int rejected = 0;
        foreach (byte mask in new byte[] { 0x01, 0x20, 0x80, 0xFF })
        {
            for (int i = 0; i < headerEnd; i++)
            {
                byte[] corrupt = (byte[])valid.Clone();
                corrupt[i] ^= mask;
                try
                {
                    SafetensorsReader.Read(corrupt, Source);
                }
                catch (SafetensorsFormatException)
                {
                    rejected++;
                }
            }
        }
        // Most flips must be caught (a few, e.g. inside the metadata value or a space, leave a valid file).
        Assert.True(rejected > headerEnd * 3, $"only {rejected} of {headerEnd * 4} flips rejected");
    }

    [Fact]
    public void OverlappingRanges_AreRejected()
    {
        AssertRejected(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12),
            "tensor 'b' data_offsets [4, 12] overlap tensor 'a' data_offsets [0, 8]");
    }

    [Fact]
    public void TwoTensorsOnTheSameRange_AreRejected()
    {
        AssertRejected(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8),
            "overlap");
    }

    [Fact]
    public void GapBetweenRanges_IsRejected()
    {
        AssertRejected(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}""", 20),
            "4 unused bytes before tensor 'b'");
    }

    [Fact]
    public void FirstRangeNotAtZero_IsRejected()
    {
        AssertRejected(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16), "8 unused bytes before tensor 'a'");
    }

    [Fact]
    public void TrailingBytesAfterLastTensor_AreRejected()
    {
        AssertRejected(File("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 11), "3 trailing bytes");
    }

    [Fact]
    public void DuplicateTensorNames_AreRejected()
    {
        AssertRejected(File("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8),
            "duplicate tensor name 'a'");
    }

    [Fact]
    public void MetadataValueNotAString_IsRejected()
    {
        AssertRejected(File("""{"__metadata__":{"epoch":3}}""", 0), "'__metadata__' value for key 'epoch' is a JSON Number, expected a string");
    }

    [Fact]
    public void MetadataNotAnObject_IsRejected()
    {
        AssertRejected(File("""{"__metadata__":"hello"}""", 0), "'__metadata__' is a JSON String");
    }

    [Fact]
    public void RepeatedMetadata_IsRejected()
    {
        AssertRejected(File("""{"__metadata__":{},"__metadata__":{}}""", 0), "more than one '__metadata__'");
    }

    [Fact]
    public void ControlCharactersInNames_AreEscapedInMessages()
    {
        var ex = AssertRejected(File("{\"evil\\nname\":{\"dtype\":\"F33\",\"shape\":[],\"data_offsets\":[0,4]}}", 4), "unknown dtype");
        Assert.Contains("'evil\\u000aname'", ex.Message);
    }

    [Fact]
    public void Float8Tensor_HeaderReads_ButLoadingIsRejected()
    {
        byte[] bytes = File("""{"q":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}}""", 4);
        Assert.Equal(SafetensorsDtype.F8E4M3, SafetensorsReader.ReadHeader(bytes, Source).Tensors[0].Dtype);
        var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(bytes, Source));
        Assert.Contains("dtype F8_E4M3, which Dendrite cannot convert to F32", ex.Message);
    }

    [Fact]
    public void FileRead_NamesThePath()
    {
        using var folder = new TempFolder();
        string path = folder.File("notes.safetensors");
        System.IO.File.WriteAllText(path, "just some notes, definitely not tensors");
        var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(path));
        Assert.StartsWith(path + ": ", ex.Message);
    }

    [Fact]
    public void MissingFile_GivesDendriteException_NamingThePath()
    {
        using var folder = new TempFolder();
        string path = folder.File("absent.safetensors");
        var ex = Assert.Throws<DendriteException>(() => SafetensorsReader.Read(path));
        Assert.StartsWith(path + ": ", ex.Message);
    }
}
