namespace Dendrite.Optim;

/// <summary>
/// SGD with optional momentum, as PyTorch's torch.optim.SGD: g ← g + wd·p; buf ← g on the first step, else
/// buf ← μ·buf + (1 − dampening)·g; d ← g + μ·buf with Nesterov, else buf (or g when μ = 0); p ← p − lr·d.
/// </summary>
/// <param name="LearningRate">Step size lr (finite, &gt; 0).</param>
/// <param name="WeightDecay">L2 coefficient wd (finite, ≥ 0); 0 disables it.</param>
/// <param name="Momentum">Momentum factor μ in [0, 1); 0 disables momentum (no buffer is kept).</param>
/// <param name="Dampening">Dampening in [0, 1] applied to the gradient entering the buffer after the first step.</param>
/// <param name="Nesterov">Nesterov momentum; requires μ &gt; 0 and dampening = 0 (as PyTorch).</param>
public sealed record SgdOptions(float LearningRate, float WeightDecay = 0f, float Momentum = 0f, float Dampening = 0f, bool Nesterov = false);
