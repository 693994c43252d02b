namespace Dendrite.Training.Policy;

/// <summary>
/// Stop when validation accuracy has not improved by more than <paramref name="MinDelta"/> for
/// <paramref name="Patience"/> consecutive epochs, then restore the weights of the best epoch.
/// Accuracy (not loss) is monitored because it is what the run reports and selects on; validation loss keeps
/// creeping up on an over-confident model long after accuracy has stopped changing.
/// </summary>
/// <param name="Patience">Epochs without improvement tolerated (≥ 1).</param>
/// <param name="MinDelta">Smallest accuracy gain that counts as an improvement (≥ 0).</param>
public sealed record EarlyStoppingSpec(int Patience, double MinDelta = 0);
