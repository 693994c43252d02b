namespace Dendrite.Optim;

/// <summary>AdamW, as torch.optim.AdamW: p ← p·(1 − lr·wd) (decoupled) then <see cref="AdamRule"/> on the raw gradient.</summary>
/// <param name="LearningRate">lr (finite, &gt; 0).</param>
/// <param name="Beta1">Decay of the first moment, in [0, 1).</param>
/// <param name="Beta2">Decay of the second moment, in [0, 1).</param>
/// <param name="Epsilon">ε added to the denominator outside the square root (finite, &gt; 0).</param>
/// <param name="WeightDecay">Decoupled decay coefficient (finite, ≥ 0); PyTorch's default 0.01.</param>
/// <param name="AmsGrad">Use the running maximum of the second moment (Reddi et al.).</param>
public sealed record AdamWOptions(float LearningRate = 1e-3f, float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f,
    float WeightDecay = 1e-2f, bool AmsGrad = false);
