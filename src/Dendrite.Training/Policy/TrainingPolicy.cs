namespace Dendrite.Training.Policy;

/// <summary>
/// What the trainer does around each step and epoch beyond plain gradient descent.
/// </summary>
/// <param name="Schedule">Learning-rate schedule (null: constant).</param>
/// <param name="WarmupEpochs">Linear warm-up epochs before the schedule, from lr/3 up to lr (0: none; not with onecycle).</param>
/// <param name="Clip">Gradient clipping before each step (null: none).</param>
/// <param name="ValidationFraction">Fraction in [0, 1) of the training set held out for validation (0: none).</param>
/// <param name="EarlyStopping">Early stopping on the validation metric (null: none); needs a validation fraction.</param>
public sealed record TrainingPolicy(LrScheduleSpec? Schedule = null, int WarmupEpochs = 0, GradientClip? Clip = null,
    double ValidationFraction = 0, EarlyStoppingSpec? EarlyStopping = null)
{
    /// <summary>No schedule, clipping, validation or early stopping.</summary>
    public static TrainingPolicy None { get; } = new();

    /// <summary>Throws <see cref="DendriteException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        if (WarmupEpochs < 0) throw new DendriteException($"warm-up epochs must be ≥ 0, got {WarmupEpochs}");
        if (WarmupEpochs > 0 && Schedule?.Kind == LrScheduleKind.OneCycle)
            throw new DendriteException("warm-up does not combine with the onecycle schedule, which warms up by itself");
        if (Clip is { } c && !(float.IsFinite(c.Threshold) && c.Threshold > 0))
            throw new DendriteException($"gradient clip threshold must be finite and > 0, got {c.Threshold}");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new DendriteException($"validation fraction must be in [0, 1), got {ValidationFraction}");
        if (EarlyStopping is { } e)
        {
            if (ValidationFraction <= 0) throw new DendriteException("early stopping needs a validation split");
            if (e.Patience < 1) throw new DendriteException($"early-stopping patience must be ≥ 1, got {e.Patience}");
            if (!(e.MinDelta >= 0 && double.IsFinite(e.MinDelta))) throw new DendriteException($"early-stopping min delta must be ≥ 0, got {e.MinDelta}");
        }
        if (Schedule is { } s)
        {
            if (s.Kind == LrScheduleKind.Step && s.StepSize < 1) throw new DendriteException($"step schedule needs step ≥ 1, got {s.StepSize}");
            if (s.Kind is LrScheduleKind.Step or LrScheduleKind.MultiStep or LrScheduleKind.Exponential && !(s.Gamma > 0 && double.IsFinite(s.Gamma)))
                throw new DendriteException($"schedule gamma must be > 0, got {s.Gamma}");
            if (s.Kind == LrScheduleKind.MultiStep && (s.Milestones is null || s.Milestones.Count == 0 || s.Milestones.Any(m => m < 1)))
                throw new DendriteException("multistep schedule needs milestones ≥ 1");
            if (s.Kind == LrScheduleKind.Plateau && (s.Patience < 0 || !(s.Factor > 0 && s.Factor < 1)))
                throw new DendriteException($"plateau schedule needs patience ≥ 0 and factor in (0, 1), got {s.Patience} and {s.Factor}");
        }
    }
}
