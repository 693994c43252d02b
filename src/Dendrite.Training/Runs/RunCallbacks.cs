namespace Dendrite.Training.Runs;

/// <summary>What a run in a folder reports while it trains, synchronously on the training thread.</summary>
/// <param name="Epoch">After every epoch, once its checkpoints and metrics.csv are written.</param>
/// <param name="Batch">After every training batch (for progress bars).</param>
public sealed record RunCallbacks(Action<RunEpoch>? Epoch = null, Action<BatchProgress>? Batch = null);
