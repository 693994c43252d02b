using Dendrite.Tensors;

namespace Dendrite.Formats.Safetensors;

/// <summary>The tensors (all converted to float32) and metadata loaded from one safetensors file.</summary>
public sealed class SafetensorsFile
{
    internal SafetensorsFile(SafetensorsHeader header, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Header = header;
        Tensors = tensors;
    }

    /// <summary>The validated header: every entry's name, dtype, shape and byte range, and the metadata.</summary>
    public SafetensorsHeader Header { get; }

    /// <summary>Name → tensor, enumerated in data-offset order (the order of <see cref="SafetensorsHeader.Tensors"/>).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>
    /// The "__metadata__" string map of the header (same as <see cref="SafetensorsHeader.Metadata"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata => Header.Metadata;
}
