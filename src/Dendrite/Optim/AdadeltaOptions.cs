namespace Dendrite.Optim;

/// <summary>Adadelta, as torch.optim.Adadelta (see <see cref="AdadeltaRule"/>).</summary>
/// <param name="LearningRate">lr scaling the delta (finite, &gt; 0); Zeiler's method is lr = 1.</param>
/// <param name="Rho">Decay ρ of both running averages, in [0, 1).</param>
/// <param name="Epsilon">ε added inside both square roots (finite, &gt; 0).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (finite, ≥ 0).</param>
public sealed record AdadeltaOptions(float LearningRate = 1f, float Rho = 0.9f, float Epsilon = 1e-6f, float WeightDecay = 0f);
