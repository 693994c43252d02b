using Dendrite.Data;

namespace Dendrite.Training;

/// <summary>The sets a fit uses: trains on <paramref name="Train"/>, and after each epoch evaluates the others.</summary>
/// <param name="Train">The samples the model learns from.</param>
/// <param name="Validation">A held-out part of the training data for early stopping and the plateau schedule, or null.</param>
/// <param name="Test">The test set, reported after every epoch but never used to decide anything, or null.</param>
public sealed record FitData(InMemoryDataset Train, InMemoryDataset? Validation = null, InMemoryDataset? Test = null)
{
    /// <summary>
    /// Training samples streamed from disk, or null. When set, the trainer takes each epoch's batches from it instead
    /// of <see cref="Train"/>, which then holds a sample of the same rows (a first chunk) that the shape, label and
    /// objective checks look at. Validation and test sets stay in memory.
    /// </summary>
    public IStreamingDataset? TrainStream { get; init; }

    /// <summary>Samples per training epoch: the stream's when there is one.</summary>
    public int TrainCount => TrainStream?.Count ?? Train.Count;
}
