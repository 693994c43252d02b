namespace Dendrite.Optim;

/// <summary>Adagrad, as torch.optim.Adagrad (see <see cref="AdagradRule"/>).</summary>
/// <param name="LearningRate">lr (finite, &gt; 0).</param>
/// <param name="LearningRateDecay">d: step t uses lr / (1 + (t − 1)·d) (finite, ≥ 0).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (finite, ≥ 0).</param>
/// <param name="InitialAccumulatorValue">Starting value of the sum of squares (finite, ≥ 0).</param>
/// <param name="Epsilon">ε added after the square root (finite, &gt; 0).</param>
public sealed record AdagradOptions(float LearningRate = 1e-2f, float LearningRateDecay = 0f, float WeightDecay = 0f,
    float InitialAccumulatorValue = 0f, float Epsilon = 1e-10f);
