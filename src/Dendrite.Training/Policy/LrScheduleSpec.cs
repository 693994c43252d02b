namespace Dendrite.Training.Policy;

/// <summary>A learning-rate schedule and its parameters; the base learning rate is the optimizer's.</summary>
/// <param name="Kind">Which schedule.</param>
/// <param name="StepSize">Step: epochs between decays (≥ 1).</param>
/// <param name="Milestones">MultiStep: epochs at which the rate decays (each ≥ 1).</param>
/// <param name="Gamma">Step, MultiStep, Exponential: decay factor (&gt; 0).</param>
/// <param name="Patience">Plateau: epochs without improvement tolerated (≥ 0).</param>
/// <param name="Factor">Plateau: lr ← lr·factor, in (0, 1).</param>
public sealed record LrScheduleSpec(LrScheduleKind Kind, int StepSize = 1, IReadOnlyList<int>? Milestones = null, double Gamma = 0.1,
    int Patience = 10, double Factor = 0.1)
{
    /// <summary>Constant learning rate.</summary>
    public static LrScheduleSpec None { get; } = new(LrScheduleKind.None);

    /// <summary>True for schedules stepped per optimizer step rather than per epoch.</summary>
    public bool PerStep => Kind == LrScheduleKind.OneCycle;
}
