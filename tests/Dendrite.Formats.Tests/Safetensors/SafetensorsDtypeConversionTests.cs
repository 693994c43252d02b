using System.Buffers.Binary;
using Dendrite.Formats.Safetensors;

namespace Dendrite.Formats.Tests.Safetensors;

/// <summary>Files written by other tools in other dtypes load as float32 (hand-built from the spec).</summary>
public class SafetensorsDtypeConversionTests
{
    private static float[] Load(string dtype, int count, byte[] data)
    {
        byte[] file = SafetensorsBytes.Build(
            $$$"""{"t":{"dtype":"{{{dtype}}}","shape":[{{{count}}}],"data_offsets":[0,{{{data.Length}}}]}}""", data);
        var tensors = SafetensorsReader.Read(file, dtype + ".safetensors").Tensors;
        Assert.Equal([count], tensors["t"].ShapeArray);
        return tensors["t"].Data;
    }

    private static byte[] Pack<T>(T[] values, int size, Action<Span<byte>, T> write)
    {
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++) write(bytes.AsSpan(i * size), values[i]);
        return bytes;
    }

    [Fact]
    public void F64_IsRoundedToFloat32()
    {
        double[] values = [1.0, -2.5, 0.1, 1e300, double.NaN];
        float[] got = Load("F64", values.Length, Pack(values, 8, BinaryPrimitives.WriteDoubleLittleEndian));
        Assert.Equal(values.Select(v => (float)v), got);
        Assert.Equal(float.PositiveInfinity, got[3]);
    }

    [Fact]
    public void F16_IsWidenedExactly()
    {
        Half[] values = [(Half)1.5f, (Half)(-0.099975586f), Half.MaxValue, Half.Epsilon, Half.NegativeInfinity];
        float[] got = Load("F16", values.Length, Pack(values, 2, BinaryPrimitives.WriteHalfLittleEndian));
        Assert.Equal(values.Select(v => (float)v), got);
        Assert.Equal(65504f, got[2]);
    }

    [Fact]
    public void BF16_IsWidenedExactly()
    {
        // bf16 bits are the top 16 bits of the float32: 0x3FC0 = 1.5, 0xC120 = -10, 0x7F80 = +inf.
        ushort[] bits = [0x3FC0, 0xC120, 0x7F80, 0x0001];
        float[] got = Load("BF16", bits.Length, Pack(bits, 2, BinaryPrimitives.WriteUInt16LittleEndian));
        Assert.Equal(1.5f, got[0]);
        Assert.Equal(-10f, got[1]);
        Assert.Equal(float.PositiveInfinity, got[2]);
        Assert.Equal(BitConverter.Int32BitsToSingle(0x0001_0000), got[3]);
    }

    [Fact]
    public void I64_IsConverted()
    {
        long[] values = [0, -3, 1L << 40, long.MinValue];
        float[] got = Load("I64", values.Length, Pack(values, 8, BinaryPrimitives.WriteInt64LittleEndian));
        Assert.Equal(values.Select(v => (float)v), got);
    }

    [Fact]
    public void I32_IsConverted()
    {
        int[] values = [7, -7, int.MaxValue];
        float[] got = Load("I32", values.Length, Pack(values, 4, BinaryPrimitives.WriteInt32LittleEndian));
        Assert.Equal(values.Select(v => (float)v), got);
    }

    [Fact]
    public void I16_IsConverted()
    {
        short[] values = [-32768, 12, 32767];
        Assert.Equal([-32768f, 12f, 32767f], Load("I16", 3, Pack(values, 2, BinaryPrimitives.WriteInt16LittleEndian)));
    }

    [Fact]
    public void U8_IsConverted()
    {
        Assert.Equal([0f, 128f, 255f], Load("U8", 3, [0, 128, 255]));
    }

    [Fact]
    public void I8_IsConvertedAsSigned()
    {
        Assert.Equal([0f, -128f, -1f, 127f], Load("I8", 4, [0, 0x80, 0xFF, 0x7F]));
    }

    [Fact]
    public void Bool_LoadsAsZeroOrOne()
    {
        Assert.Equal([0f, 1f, 1f], Load("BOOL", 3, [0, 1, 2]));
    }

    [Fact]
    public void UnsignedWideTypes_AreConverted()
    {
        Assert.Equal([65535f], Load("U16", 1, [0xFF, 0xFF]));
        Assert.Equal([4294967295f], Load("U32", 1, [0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal([(float)ulong.MaxValue], Load("U64", 1, Enumerable.Repeat((byte)0xFF, 8).ToArray()));
    }

    [Fact]
    public void LargeNonF32Tensor_SpanningManyReadChunks_IsConverted()
    {
        // 100 000 F64 values (800 KB) cross the reader's 64 KB chunk boundary many times.
        double[] values = Enumerable.Range(0, 100_000).Select(i => i * 0.5 - 7).ToArray();
        float[] got = Load("F64", values.Length, Pack(values, 8, BinaryPrimitives.WriteDoubleLittleEndian));
        Assert.Equal(values.Select(v => (float)v), got);
    }

    [Fact]
    public void MixedDtypes_InOneFile_LoadInOffsetOrder_NotHeaderOrder()
    {
        byte[] data = [.. SafetensorsBytes.F32(1f, 2f), 5, 6];
        byte[] file = SafetensorsBytes.Build(
            """{"z_bytes":{"dtype":"U8","shape":[2],"data_offsets":[8,10]},"a_float":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""",
            data);
        SafetensorsFile loaded = SafetensorsReader.Read(file);
        Assert.Equal(["a_float", "z_bytes"], loaded.Tensors.Keys);
        Assert.Equal([1f, 2f], loaded.Tensors["a_float"].Data);
        Assert.Equal([5f, 6f], loaded.Tensors["z_bytes"].Data);
        Assert.Equal([SafetensorsDtype.F32, SafetensorsDtype.U8], loaded.Header.Tensors.Select(t => t.Dtype));
    }

    [Fact]
    public void UnpaddedHeader_FromOlderWriters_IsAccepted()
    {
        byte[] file = SafetensorsBytes.Build("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""",
            SafetensorsBytes.F32(9f), pad: false);
        Assert.NotEqual(0ul, SafetensorsBytes.HeaderLength(file) % 8);
        Assert.Equal([9f], SafetensorsReader.Read(file).Tensors["w"].Data);
    }

    [Fact]
    public void UnknownKeysInEntry_AreIgnored_LikeTheReference()
    {
        byte[] file = SafetensorsBytes.Build("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":true}}""",
            SafetensorsBytes.F32(9f));
        Assert.Equal([9f], SafetensorsReader.Read(file).Tensors["w"].Data);
    }

    [Fact]
    public void ZeroSizeTensors_SharingAnOffset_AreAccepted()
    {
        byte[] file = SafetensorsBytes.Build(
            """{"e1":{"dtype":"F32","shape":[0],"data_offsets":[4,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"e2":{"dtype":"F64","shape":[3,0],"data_offsets":[4,4]}}""",
            SafetensorsBytes.F32(1f));
        SafetensorsFile loaded = SafetensorsReader.Read(file);
        Assert.Equal(["a", "e1", "e2"], loaded.Tensors.Keys);
        Assert.Equal([3, 0], loaded.Tensors["e2"].ShapeArray);
    }

    [Fact]
    public void ScalarTensor_WithEmptyShape_LoadsAsRankZero()
    {
        byte[] file = SafetensorsBytes.Build("""{"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}""", SafetensorsBytes.F32(2.5f));
        var s = SafetensorsReader.Read(file).Tensors["s"];
        Assert.Equal(0, s.Rank);
        Assert.Equal(2.5f, s.Item());
    }
}
