namespace Dendrite.Training.Policy;

/// <summary>What <see cref="EarlyStopping"/> remembers, for checkpoints.</summary>
/// <param name="BestEpoch">1-based best epoch so far, 0 before the first.</param>
/// <param name="BestValue">Its validation value of the monitored metric (NaN before the first).</param>
/// <param name="BadEpochs">Consecutive epochs without improvement since.</param>
/// <param name="BestWeights">The best epoch's parameters and buffers by name, or null before the first epoch.</param>
public sealed record EarlyStoppingState(int BestEpoch, double BestValue, int BadEpochs, IReadOnlyList<KeyValuePair<string, float[]>>? BestWeights);
