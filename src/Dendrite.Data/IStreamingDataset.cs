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

    /// <summary>The batches of <paramref name="batchSize"/> samples, one epoch per enumeration, ordered by <paramref name="shuffle"/>.</summary>
    IBatchSource Batches(int batchSize, Rng shuffle);
}
