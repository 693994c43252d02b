namespace Dendrite.Training;

/// <summary>Where a resumed fit (<see cref="Trainer.Run"/>) picks up.</summary>
/// <param name="Epoch">Completed epochs; the fit continues with epoch <c>Epoch + 1</c>.</param>
/// <param name="History">Results of epochs 1..<paramref name="Epoch"/>.</param>
/// <param name="State">The trainer's state after epoch <paramref name="Epoch"/>, or null for a checkpoint written before
/// it was stored (constant learning rate, no early stopping: the position is then implied by the epoch).</param>
public sealed record FitResume(int Epoch, IReadOnlyList<EpochResult> History, FitState? State);
