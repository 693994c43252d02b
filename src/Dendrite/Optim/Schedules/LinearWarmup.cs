namespace Dendrite.Optim.Schedules;

/// <summary>
/// Linear warm-up in front of another schedule: for t &lt; N, lr(t) = inner(0)·(s + (1 − s)·t / N), ramping from
/// s·inner(0) towards inner(0); from t = N on, lr(t) = inner(t − N), so the inner schedule starts when warm-up
/// ends. Equals PyTorch's SequentialLR([LinearLR(start_factor = s, total_iters = N), inner], milestones = [N]).
/// </summary>
public sealed class LinearWarmup : ILearningRateSchedule
{
    /// <summary>
    /// Puts <paramref name="warmupLength"/> steps of linear warm-up in front of <paramref name="inner"/>.
    /// </summary>
    /// <param name="inner">The schedule that follows warm-up.</param>
    /// <param name="warmupLength">N ≥ 1 epochs or steps of warm-up.</param>
    /// <param name="startFactor">s in [0, 1]: the fraction of inner(0) used at t = 0 (PyTorch LinearLR's default 1/3).</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="warmupLength"/> &lt; 1, or <paramref name="startFactor"/> is outside [0, 1].
    /// </exception>
    public LinearWarmup(ILearningRateSchedule inner, int warmupLength, double startFactor = 1.0 / 3)
    {
        ArgumentNullException.ThrowIfNull(inner);
        OptionCheck.AtLeast(warmupLength, 1, "WarmupLength");
        OptionCheck.ClosedUnitInterval(startFactor, "StartFactor");
        (Inner, WarmupLength, StartFactor) = (inner, warmupLength, startFactor);
    }

    /// <summary>The schedule that takes over at t = N, started from its own t = 0.</summary>
    public ILearningRateSchedule Inner { get; }
    /// <summary>N, the number of warm-up epochs or steps.</summary>
    public int WarmupLength { get; }
    /// <summary>s: lr(0) = s·inner(0).</summary>
    public double StartFactor { get; }

    /// <summary>inner(0)·(s + (1 − s)·t / N) for t &lt; N, else inner(t − N).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="t"/> &lt; 0, or the inner schedule rejects its t.
    /// </exception>
    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        if (t >= WarmupLength) return Inner.LearningRateAt(t - WarmupLength);
        return Inner.LearningRateAt(0) * (StartFactor + (1 - StartFactor) * t / WarmupLength);
    }
}
