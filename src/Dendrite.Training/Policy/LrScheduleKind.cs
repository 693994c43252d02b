namespace Dendrite.Training.Policy;

/// <summary>The learning-rate schedules the trainer can drive (see <see cref="LrScheduleSpec"/>).</summary>
public enum LrScheduleKind
{
    /// <summary>Constant learning rate.</summary>
    None,

    /// <summary>lr·γ^⌊epoch / step⌋ (StepLR), per epoch.</summary>
    Step,

    /// <summary>lr·γ^(milestones passed) (MultiStepLR), per epoch.</summary>
    MultiStep,

    /// <summary>lr·γ^epoch (ExponentialLR), per epoch.</summary>
    Exponential,

    /// <summary>Cosine annealing to 0 over the epochs after warm-up (CosineAnnealingLR), per epoch.</summary>
    Cosine,

    /// <summary>The 1cycle policy over every optimizer step of the run (OneCycleLR with lr as the maximum), per step.</summary>
    OneCycle,

    /// <summary>lr·factor when the monitored loss stops improving (ReduceLROnPlateau), per epoch.</summary>
    Plateau,
}
