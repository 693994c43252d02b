namespace Dendrite.Formats.Safetensors;

/// <summary>
/// Element types of the safetensors format. The header spells them as in <see cref="SafetensorsDtypes.ToSpecName"/>
/// ("F32", "BF16", "F8_E4M3", …). Declared in the reference implementation's order (increasing alignment).
/// </summary>
public enum SafetensorsDtype
{
    /// <summary>"BOOL": one byte per element, 0 = false, anything else true; loads as 0 or 1.</summary>
    Bool,
    /// <summary>"U8": unsigned 8-bit integer.</summary>
    U8,
    /// <summary>"I8": signed 8-bit integer.</summary>
    I8,
    /// <summary>"F8_E5M2": 8-bit float, 5 exponent and 2 mantissa bits; readable in a header, not loadable.</summary>
    F8E5M2,
    /// <summary>"F8_E4M3": 8-bit float, 4 exponent and 3 mantissa bits; readable in a header, not loadable.</summary>
    F8E4M3,
    /// <summary>"I16": signed 16-bit integer, little-endian.</summary>
    I16,
    /// <summary>"U16": unsigned 16-bit integer, little-endian.</summary>
    U16,
    /// <summary>"F16": IEEE 754 half precision, little-endian; converts to float32 exactly.</summary>
    F16,
    /// <summary>"BF16": bfloat16 (the top 16 bits of a float32), little-endian; converts to float32 exactly.</summary>
    BF16,
    /// <summary>"I32": signed 32-bit integer, little-endian; beyond ±2^24 it loads rounded.</summary>
    I32,
    /// <summary>"U32": unsigned 32-bit integer, little-endian; beyond 2^24 it loads rounded.</summary>
    U32,
    /// <summary>"F32": IEEE 754 single precision, little-endian; Dendrite's own type, loaded bit for bit.</summary>
    F32,
    /// <summary>"F64": IEEE 754 double precision, little-endian; loads rounded to the nearest float32.</summary>
    F64,
    /// <summary>"I64": signed 64-bit integer, little-endian; beyond ±2^24 it loads rounded.</summary>
    I64,
    /// <summary>"U64": unsigned 64-bit integer, little-endian; beyond 2^24 it loads rounded.</summary>
    U64,
}
