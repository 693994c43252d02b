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

    public SafetensorsHeader Header { get; }

    /// <summary>Name → tensor, enumerated in data-offset order (the order of <see cref="SafetensorsHeader.Tensors"/>).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata => Header.Metadata;
}
