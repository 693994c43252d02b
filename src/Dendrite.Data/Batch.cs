using Dendrite.Tensors;

namespace Dendrite.Data;

/// <summary>
/// One mini-batch: features [Count, FeatureCount] and labels. A <see cref="DataLoader"/> reuses a batch's buffers
/// for the next batch of the same size, so copy what you want to keep.
/// </summary>
public sealed class Batch
{
    public Batch(Tensor features, int[] labels)
    {
        Features = features;
        Labels = labels;
    }

    public Tensor Features { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;
}
