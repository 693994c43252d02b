using System.Buffers.Binary;

namespace Dendrite.Formats.Safetensors;

/// <summary>Converts little-endian elements of any loadable dtype to float32 (round to nearest).</summary>
internal static class SafetensorsDecoder
{
    public static void Decode(SafetensorsDtype dtype, ReadOnlySpan<byte> src, Span<float> dst)
    {
        int n = dst.Length;
        switch (dtype)
        {
            case SafetensorsDtype.F32:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadSingleLittleEndian(src[(i * 4)..]);
                break;
            case SafetensorsDtype.F64:
                for (int i = 0; i < n; i++) dst[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(src[(i * 8)..]);
                break;
            case SafetensorsDtype.F16:
                for (int i = 0; i < n; i++) dst[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(src[(i * 2)..]);
                break;
            case SafetensorsDtype.BF16:
                // bfloat16 is the top half of a float32, so widening is exact.
                for (int i = 0; i < n; i++)
                    dst[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(src[(i * 2)..]) << 16);
                break;
            case SafetensorsDtype.I64:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadInt64LittleEndian(src[(i * 8)..]);
                break;
            case SafetensorsDtype.U64:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadUInt64LittleEndian(src[(i * 8)..]);
                break;
            case SafetensorsDtype.I32:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadInt32LittleEndian(src[(i * 4)..]);
                break;
            case SafetensorsDtype.U32:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadUInt32LittleEndian(src[(i * 4)..]);
                break;
            case SafetensorsDtype.I16:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadInt16LittleEndian(src[(i * 2)..]);
                break;
            case SafetensorsDtype.U16:
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadUInt16LittleEndian(src[(i * 2)..]);
                break;
            case SafetensorsDtype.I8:
                for (int i = 0; i < n; i++) dst[i] = (sbyte)src[i];
                break;
            case SafetensorsDtype.U8:
                for (int i = 0; i < n; i++) dst[i] = src[i];
                break;
            case SafetensorsDtype.Bool:
                for (int i = 0; i < n; i++) dst[i] = src[i] != 0 ? 1f : 0f;
                break;
            default:
                throw new NotSupportedException($"dtype {dtype.ToSpecName()} cannot be converted to float32");
        }
    }
}
