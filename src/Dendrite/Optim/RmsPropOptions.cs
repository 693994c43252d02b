namespace Dendrite.Optim;

/// <summary>RMSprop, as torch.optim.RMSprop (see <see cref="RmsPropRule"/>).</summary>
/// <param name="LearningRate">lr (finite, &gt; 0).</param>
/// <param name="Alpha">Decay α of the square average, in [0, 1).</param>
/// <param name="Epsilon">ε added after the square root (finite, &gt; 0).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (finite, ≥ 0).</param>
/// <param name="Momentum">Momentum μ in [0, 1) applied to the normalized step; 0 disables it.</param>
/// <param name="Centered">Normalize by the estimated variance v − ḡ² instead of the raw second moment.</param>
public sealed record RmsPropOptions(float LearningRate = 1e-2f, float Alpha = 0.99f, float Epsilon = 1e-8f, float WeightDecay = 0f,
    float Momentum = 0f, bool Centered = false);
