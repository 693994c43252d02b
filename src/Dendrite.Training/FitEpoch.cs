namespace Dendrite.Training;

/// <summary>What <see cref="Trainer"/> reports after each epoch, once the schedule and early stopping have seen it.</summary>
/// <param name="Result">This epoch's numbers.</param>
/// <param name="History">Every epoch so far (resumed ones included), this one last. Valid during the callback only.</param>
/// <param name="StoppedEarly">True when early stopping ends the fit after this epoch.</param>
/// <param name="Warning">A one-line warning about this epoch (a loss that is exploding while still finite), or null.</param>
public sealed record FitEpoch(EpochResult Result, IReadOnlyList<EpochResult> History, bool StoppedEarly, string? Warning = null);
