namespace Dendrite.Optim.Schedules;

/// <summary>
/// Linear warm-up in front of another schedule: for t &lt; N, lr(t) = inner(0)·(s + (1 − s)·t / N), ramping from
/// s·inner(0) towards inner(0); from t = N on, lr(t) = inner(t − N), so the inner schedule starts when warm-up
/// ends. Equals PyTorch's SequentialLR([LinearLR(start_factor = s, total_iters = N), inner], milestones = [N]).
/// </summary>
public sealed class LinearWarmup : ILearningRateSchedule
{
    /// <param name="inner">The schedule that follows warm-up.</param>
    /// <param name="warmupLength">N ≥ 1 epochs or steps of warm-up.</param>
    /// <param name="startFactor">s in [0, 1]: the fraction of inner(0) used at t = 0 (PyTorch LinearLR's default 1/3).</param>
    public LinearWarmup(ILearningRateSchedule inner, int warmupLength, double startFactor = 1.0 / 3)
    {
        ArgumentNullException.ThrowIfNull(inner);
        OptionCheck.AtLeast(warmupLength, 1, "WarmupLength");
        OptionCheck.ClosedUnitInterval(startFactor, "StartFactor");
        (Inner, WarmupLength, StartFactor) = (inner, warmupLength, startFactor);
    }

    public ILearningRateSchedule Inner { get; }
    public int WarmupLength { get; }
    public double StartFactor { get; }

    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        if (t >= WarmupLength) return Inner.LearningRateAt(t - WarmupLength);
        return Inner.LearningRateAt(0) * (StartFactor + (1 - StartFactor) * t / WarmupLength);
    }
}
