using Dendrite.Tensors;

namespace Dendrite.Data;

/// <summary>
/// One mini-batch: features [Count, FeatureCount] and labels, or regression targets. A <see cref="DataLoader"/> reuses a batch's buffers
/// for the next batch of the same size, so copy what you want to keep. A loader also says which dataset rows the
/// batch holds (<see cref="Rows"/> of <see cref="Source"/>); one created without gathering features offers only
/// those, for consumers that read the rows in place (the fused training step).
/// </summary>
public sealed class Batch
{
    private readonly Tensor? _features;

    /// <summary>A classification batch of <paramref name="labels"/>.Length samples.</summary>
    public Batch(Tensor features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        _features = features;
        Labels = labels;
        Count = labels.Length;
    }

    /// <summary>A regression batch: <paramref name="targets"/> [Count, targets per sample].</summary>
    public Batch(Tensor features, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        _features = features;
        Targets = targets;
        Labels = [];
        Count = targets.Rank == 0 ? 1 : targets.Dim(0);
    }

    /// <summary>A batch of <paramref name="source"/>'s rows <paramref name="rows"/>, with or without the copied features.</summary>
    internal Batch(Tensor? features, int[] labels, Tensor? targets, InMemoryDataset source, int[] rows)
    {
        _features = features;
        Labels = labels;
        Targets = targets;
        Source = source;
        Rows = rows;
        Count = rows.Length;
    }

    /// <summary>The features [Count, FeatureCount].</summary>
    /// <exception cref="InvalidOperationException">the loader was created with <c>gatherFeatures: false</c>.</exception>
    public Tensor Features => _features ?? throw new InvalidOperationException(
        "this batch holds row indices only (DataLoader gatherFeatures: false); read Source's rows Rows instead");

    /// <summary>False when only <see cref="Rows"/> are available.</summary>
    public bool HasFeatures => _features is not null;

    /// <summary>The class of each sample; empty in a regression batch.</summary>
    public int[] Labels { get; }

    /// <summary>Regression targets [Count, targets per sample], or null in a classification batch.</summary>
    public Tensor? Targets { get; }

    /// <summary>The dataset the batch's rows come from, when a loader made it.</summary>
    public InMemoryDataset? Source { get; }

    /// <summary>Row i of the batch is row Rows[i] of <see cref="Source"/> (Count entries), when a loader made it.</summary>
    public int[]? Rows { get; }

    /// <summary>Samples in the batch.</summary>
    public int Count { get; }

    /// <summary>
    /// The row of the global batch this batch's first row is: 0 for a whole batch; for one data-parallel rank's shard,
    /// where the shard begins (a sharded loader sets it). Dropout keys its masks by it, so that every row gets the mask
    /// it gets in a one-process run.
    /// </summary>
    public int RowOffset
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    }
}
