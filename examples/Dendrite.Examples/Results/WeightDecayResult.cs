namespace Dendrite.Examples.Results;

/// <summary>The same overfitting-prone regression trained without decay, with decay, and with the library's decay.</summary>
public sealed record WeightDecayResult(DecayRun NoDecay, DecayRun WithDecay, DecayRun LibraryDecay);
