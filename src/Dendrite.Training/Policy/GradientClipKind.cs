namespace Dendrite.Training.Policy;

/// <summary>How gradients are clipped before each optimizer step.</summary>
public enum GradientClipKind
{
    /// <summary>Rescale all gradients together so their joint L2 norm is at most the threshold.</summary>
    Norm,

    /// <summary>Clamp every gradient entry into [−threshold, threshold].</summary>
    Value,
}
