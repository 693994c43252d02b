namespace Dendrite.Optim;

/// <summary>
/// Settings common to the optimizers, for building one by kind (<see cref="OptimizerFactory"/>). A null setting
/// takes that optimizer's own default (PyTorch's); a setting the chosen optimizer does not have (momentum for Adam,
/// betas for SGD, …) is an error rather than silently ignored.
/// </summary>
/// <param name="Kind">Which optimizer.</param>
/// <param name="LearningRate">lr; required for SGD, which has no default.</param>
/// <param name="WeightDecay">Weight decay: coupled L2 for all but AdamW, decoupled for AdamW.</param>
/// <param name="Momentum">SGD and RMSprop only.</param>
/// <param name="Beta1">Adam and AdamW only.</param>
/// <param name="Beta2">Adam and AdamW only.</param>
/// <param name="Epsilon">All but SGD.</param>
/// <param name="Nesterov">SGD only.</param>
/// <param name="AmsGrad">Adam and AdamW only.</param>
public sealed record OptimizerSettings(OptimizerKind Kind, float? LearningRate = null, float? WeightDecay = null, float? Momentum = null,
    float? Beta1 = null, float? Beta2 = null, float? Epsilon = null, bool Nesterov = false, bool AmsGrad = false);
