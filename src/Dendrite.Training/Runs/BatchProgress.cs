namespace Dendrite.Training.Runs;

/// <summary>Progress inside an epoch, reported after each training batch (for progress bars).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Samples">Training samples processed so far in this epoch.</param>
/// <param name="Total">Training samples per epoch.</param>
public readonly record struct BatchProgress(int Epoch, int Samples, int Total);
