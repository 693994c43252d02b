namespace Dendrite.Data;

/// <summary>
/// Mini-batches for one epoch per enumeration: a <see cref="DataLoader"/> over samples in memory, or batches streamed
/// from disk (<see cref="IStreamingDataset"/>). Batches may be reused buffers, valid until the next MoveNext.
/// </summary>
public interface IBatchSource : IEnumerable<Batch>
{
    /// <summary>Samples visited per epoch.</summary>
    int SampleCount { get; }
}
