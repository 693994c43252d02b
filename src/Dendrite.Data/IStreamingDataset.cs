using Dendrite.Random;

namespace Dendrite.Data;

/// <summary>
/// Training samples too many to hold in memory, visited in mini-batches read from disk each epoch. Each epoch's order
/// depends only on the state of the <see cref="Rng"/> at its start, so a resumed run repeats it.
/// </summary>
public interface IStreamingDataset
{
    /// <summary>Samples per epoch.</summary>
    int Count { get; }

    /// <summary>Features per sample.</summary>
    int FeatureCount { get; }

    /// <summary>
    /// The batches of <paramref name="batchSize"/> samples, one epoch per enumeration, ordered by <paramref name="shuffle"/>.
    /// With <paramref name="shardCount"/> &gt; 1 only shard <paramref name="shardIndex"/> of each of those batches, split as
    /// <see cref="DataLoader"/> splits a batch (rows [⌊i·n/k⌋, ⌊(i+1)·n/k⌋) of an n-row batch, possibly none, with
    /// <see cref="Batch.RowOffset"/> saying where the shard begins), and as many batches as unsharded: data-parallel
    /// ranks given the same Rng state together visit exactly the batches of the one-process run.
    /// </summary>
    IBatchSource Batches(int batchSize, Rng shuffle, int shardIndex = 0, int shardCount = 1);
}
