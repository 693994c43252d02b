using System.Diagnostics.CodeAnalysis;

namespace Dendrite.Formats.Safetensors;

/// <summary>Spec names, element sizes and float32 convertibility of <see cref="SafetensorsDtype"/>.</summary>
public static class SafetensorsDtypes
{
    /// <summary>The name the header uses, e.g. "F32" or "F8_E4M3".</summary>
    public static string ToSpecName(this SafetensorsDtype dtype) => dtype switch
    {
        SafetensorsDtype.Bool => "BOOL",
        SafetensorsDtype.U8 => "U8",
        SafetensorsDtype.I8 => "I8",
        SafetensorsDtype.F8E5M2 => "F8_E5M2",
        SafetensorsDtype.F8E4M3 => "F8_E4M3",
        SafetensorsDtype.I16 => "I16",
        SafetensorsDtype.U16 => "U16",
        SafetensorsDtype.F16 => "F16",
        SafetensorsDtype.BF16 => "BF16",
        SafetensorsDtype.I32 => "I32",
        SafetensorsDtype.U32 => "U32",
        SafetensorsDtype.F32 => "F32",
        SafetensorsDtype.F64 => "F64",
        SafetensorsDtype.I64 => "I64",
        SafetensorsDtype.U64 => "U64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>Parses a header dtype name (case-sensitive, as the spec writes it).</summary>
    public static bool TryParse(string name, [NotNullWhen(true)] out SafetensorsDtype? dtype)
    {
        dtype = name switch
        {
            "BOOL" => SafetensorsDtype.Bool,
            "U8" => SafetensorsDtype.U8,
            "I8" => SafetensorsDtype.I8,
            "F8_E5M2" => SafetensorsDtype.F8E5M2,
            "F8_E4M3" => SafetensorsDtype.F8E4M3,
            "I16" => SafetensorsDtype.I16,
            "U16" => SafetensorsDtype.U16,
            "F16" => SafetensorsDtype.F16,
            "BF16" => SafetensorsDtype.BF16,
            "I32" => SafetensorsDtype.I32,
            "U32" => SafetensorsDtype.U32,
            "F32" => SafetensorsDtype.F32,
            "F64" => SafetensorsDtype.F64,
            "I64" => SafetensorsDtype.I64,
            "U64" => SafetensorsDtype.U64,
            _ => null,
        };
        return dtype is not null;
    }

    /// <summary>Bytes per element.</summary>
    public static int SizeInBytes(this SafetensorsDtype dtype) => dtype switch
    {
        SafetensorsDtype.Bool or SafetensorsDtype.U8 or SafetensorsDtype.I8
            or SafetensorsDtype.F8E5M2 or SafetensorsDtype.F8E4M3 => 1,
        SafetensorsDtype.I16 or SafetensorsDtype.U16 or SafetensorsDtype.F16 or SafetensorsDtype.BF16 => 2,
        SafetensorsDtype.I32 or SafetensorsDtype.U32 or SafetensorsDtype.F32 => 4,
        SafetensorsDtype.F64 or SafetensorsDtype.I64 or SafetensorsDtype.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>
    /// True when <see cref="SafetensorsReader"/> can load the dtype as float32: every type except the two 8-bit
    /// float formats. Conversions round to nearest float32 (F64, and integers beyond 2^24 lose precision); BOOL
    /// loads as 0 or 1.
    /// </summary>
    public static bool ConvertsToFloat32(this SafetensorsDtype dtype) =>
        dtype is not (SafetensorsDtype.F8E5M2 or SafetensorsDtype.F8E4M3);
}
