using System.Collections;
using Dendrite.Random;

namespace Dendrite.Data;

/// <summary>
/// Iterates a dataset in mini-batches. With <c>shuffle</c>, each epoch (each enumeration) draws a new permutation
/// from the given <see cref="Rng"/>, so the same seed gives the same order. Every sample appears exactly once per
/// epoch (once at most with <c>dropLast</c>, which drops a final partial batch).
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>
{
    public DataLoader(InMemoryDataset dataset, int batchSize, bool shuffle = false, Rng? rng = null, bool dropLast = false)
        => throw new NotImplementedException();

    public int BatchCount => throw new NotImplementedException();

    public IEnumerator<Batch> GetEnumerator() => throw new NotImplementedException();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
