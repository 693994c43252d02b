namespace Dendrite.Formats.Safetensors;

/// <summary>
/// Element types of the safetensors format. The header spells them as in <see cref="SafetensorsDtypes.ToSpecName"/>
/// ("F32", "BF16", "F8_E4M3", …). Declared in the reference implementation's order (increasing alignment).
/// </summary>
public enum SafetensorsDtype
{
    Bool,
    U8,
    I8,
    F8E5M2,
    F8E4M3,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}
