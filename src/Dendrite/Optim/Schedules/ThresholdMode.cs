namespace Dendrite.Optim.Schedules;

/// <summary>How <see cref="ReduceLROnPlateauOptions.Threshold"/> is measured against the best value so far.</summary>
public enum ThresholdMode
{
    /// <summary>Improvement means beating best·(1 ∓ threshold).</summary>
    Relative,

    /// <summary>Improvement means beating best ∓ threshold.</summary>
    Absolute,
}
