namespace Dendrite.Training;

/// <summary>
/// What a fit reports while it runs, synchronously on the training thread (plain callbacks rather than
/// <see cref="IProgress{T}"/>, whose default implementation posts to the thread pool and can reorder output).
/// </summary>
/// <param name="Epoch">After every epoch, with the schedule and early stopping up to date: the moment to checkpoint.</param>
/// <param name="Batch">After every training batch (for progress bars).</param>
public sealed record FitCallbacks(Action<FitEpoch>? Epoch = null, Action<Runs.BatchProgress>? Batch = null);
