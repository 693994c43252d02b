using Dendrite.Nn.Configs;
using Dendrite.Tensors;

namespace Dendrite.Onnx.Import;

/// <summary>One layer read from the graph: its description and its tensors by local state-dict name ("weight").</summary>
/// <param name="Config">The layer as data.</param>
/// <param name="State">Its parameters and buffers.</param>
internal sealed record ImportedLayer(LayerConfig Config, IReadOnlyDictionary<string, Tensor> State)
{
    /// <summary>A layer without tensors (an activation, Flatten).</summary>
    public static ImportedLayer Stateless(LayerConfig config) => new(config, new Dictionary<string, Tensor>(StringComparer.Ordinal));
}
