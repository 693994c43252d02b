namespace Dendrite.Nn.Configs;

/// <summary>
/// Bounds a model description must stay within before anything is allocated for it, so that a file (or an option)
/// cannot make a loader allocate gigabytes or overflow a size. The defaults allow far larger MLPs than anyone trains
/// on one machine here; raise them deliberately.
/// </summary>
/// <param name="MaxWidth">Largest feature count of any layer (2²⁰).</param>
/// <param name="MaxTensorElements">Largest single tensor, in elements (2²⁸ floats = 1 GiB).</param>
/// <param name="MaxTotalElements">Largest sum over every tensor of the model (2²⁹ floats = 2 GiB).</param>
/// <param name="MaxLayers">Most layers in a description, counting nested ones.</param>
public sealed record ModelLimits(int MaxWidth = 1 << 20, long MaxTensorElements = 1L << 28, long MaxTotalElements = 1L << 29,
    int MaxLayers = 4096)
{
    /// <summary>The default limits.</summary>
    public static ModelLimits Default { get; } = new();
}
