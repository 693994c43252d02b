using Dendrite.Tensors;

namespace Dendrite.Training.Tabular;

/// <summary>
/// One mini-batch of a <see cref="Data.Tabular.TabularDataset"/>: features [Count, d] and either regression targets
/// [Count, 1] (model space) or class labels.
/// </summary>
public sealed record TabularBatch(Tensor Features, Tensor? Targets, int[]? Labels)
{
    public int Count => Features.Dim(0);
}
