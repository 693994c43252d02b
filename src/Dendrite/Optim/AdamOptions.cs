namespace Dendrite.Optim;

/// <summary>Adam, as torch.optim.Adam: coupled L2 weight decay (g ← g + wd·p) then <see cref="AdamRule"/>.</summary>
/// <param name="LearningRate">lr (finite, &gt; 0).</param>
/// <param name="Beta1">Decay of the first moment, in [0, 1).</param>
/// <param name="Beta2">Decay of the second moment, in [0, 1).</param>
/// <param name="Epsilon">ε added to the denominator outside the square root (finite, &gt; 0).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (finite, ≥ 0).</param>
/// <param name="AmsGrad">Use the running maximum of the second moment (Reddi et al.).</param>
public sealed record AdamOptions(float LearningRate = 1e-3f, float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f,
    float WeightDecay = 0f, bool AmsGrad = false);
