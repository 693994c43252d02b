using Dendrite.Data;

namespace Dendrite.Training;

/// <summary>The sets a fit uses: trains on <paramref name="Train"/>, and after each epoch evaluates the others.</summary>
/// <param name="Train">The samples the model learns from.</param>
/// <param name="Validation">A held-out part of the training data for early stopping and the plateau schedule, or null.</param>
/// <param name="Test">The test set, reported after every epoch but never used to decide anything, or null.</param>
public sealed record FitData(InMemoryDataset Train, InMemoryDataset? Validation = null, InMemoryDataset? Test = null);
