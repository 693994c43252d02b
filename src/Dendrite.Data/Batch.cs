using Dendrite.Tensors;

namespace Dendrite.Data;

/// <summary>
/// One mini-batch: features [Count, FeatureCount] and labels. A <see cref="DataLoader"/> reuses a batch's buffers
/// for the next batch of the same size, so copy what you want to keep. A loader also says which dataset rows the
/// batch holds (<see cref="Rows"/> of <see cref="Source"/>); one created without gathering features offers only
/// those, for consumers that read the rows in place (the fused training step).
/// </summary>
public sealed class Batch
{
    private readonly Tensor? _features;

    public Batch(Tensor features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        _features = features;
        Labels = labels;
    }

    /// <summary>A batch of <paramref name="source"/>'s rows <paramref name="rows"/>, with or without the copied features.</summary>
    internal Batch(Tensor? features, int[] labels, InMemoryDataset source, int[] rows)
    {
        _features = features;
        Labels = labels;
        Source = source;
        Rows = rows;
    }

    /// <summary>The features [Count, FeatureCount].</summary>
    /// <exception cref="InvalidOperationException">the loader was created with <c>gatherFeatures: false</c>.</exception>
    public Tensor Features => _features ?? throw new InvalidOperationException(
        "this batch holds row indices only (DataLoader gatherFeatures: false); read Source's rows Rows instead");

    /// <summary>False when only <see cref="Rows"/> are available.</summary>
    public bool HasFeatures => _features is not null;

    public int[] Labels { get; }

    /// <summary>The dataset the batch's rows come from, when a loader made it.</summary>
    public InMemoryDataset? Source { get; }

    /// <summary>Row i of the batch is row Rows[i] of <see cref="Source"/> (Count entries), when a loader made it.</summary>
    public int[]? Rows { get; }

    public int Count => Labels.Length;
}
