namespace Dendrite.Optim;

/// <summary>Plain SGD: p ← p − lr·(g + wd·p).</summary>
/// <param name="LearningRate">Step size lr (finite, &gt; 0).</param>
/// <param name="WeightDecay">L2 coefficient wd (finite, ≥ 0); 0 disables it.</param>
public sealed record SgdOptions(float LearningRate, float WeightDecay = 0f);
