namespace Dendrite.Optim.Schedules;

/// <summary>
/// The 1cycle policy (Smith; PyTorch OneCycleLR with its defaults: two phases, cosine annealing), per optimizer step.
/// Phase 1 anneals from max/divFactor up to max over steps 0 … pct·T − 1; phase 2 anneals from max down to
/// max/(divFactor·finalDivFactor) at step T − 1. cos-anneal(a, b, x) = b + (a − b)·(1 + cos(πx)) / 2.
/// Momentum cycling is not done here (schedules drive the learning rate only).
/// </summary>
public sealed class OneCycleLR : ILearningRateSchedule
{
    private readonly double _phaseOneEnd;

    /// <summary>
    /// A 1cycle schedule over <paramref name="totalSteps"/> optimizer steps, peaking at
    /// <paramref name="maxLearningRate"/>.
    /// </summary>
    /// <param name="maxLearningRate">The peak rate (finite, &gt; 0).</param>
    /// <param name="totalSteps">T ≥ 2: the number of optimizer steps in the whole run.</param>
    /// <param name="pctStart">Fraction of T spent rising, in (0, 1) (PyTorch's default 0.3).</param>
    /// <param name="divFactor">Initial rate = max / divFactor (finite, &gt; 0; default 25).</param>
    /// <param name="finalDivFactor">Final rate = initial / finalDivFactor (finite, &gt; 0; default 1e4).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public OneCycleLR(double maxLearningRate, long totalSteps, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
    {
        OptionCheck.Positive(maxLearningRate, "MaxLearningRate");
        OptionCheck.AtLeast(totalSteps, 2, "TotalSteps");
        if (!(pctStart > 0 && pctStart < 1)) OptionCheck.Fail(pctStart, "PctStart", "must be in (0, 1)");
        OptionCheck.Positive(divFactor, "DivFactor");
        OptionCheck.Positive(finalDivFactor, "FinalDivFactor");
        (MaxLearningRate, TotalSteps, PctStart, DivFactor, FinalDivFactor) = (maxLearningRate, totalSteps, pctStart, divFactor, finalDivFactor);
        _phaseOneEnd = pctStart * totalSteps - 1; // a float step index, exactly as PyTorch computes it
    }

    /// <summary>The peak rate, where phase 1 ends (step pct·T − 1, which need not be a whole number).</summary>
    public double MaxLearningRate { get; }
    /// <summary>T: valid steps are 0 … T − 1.</summary>
    public long TotalSteps { get; }
    /// <summary>Fraction of the steps spent rising to the peak.</summary>
    public double PctStart { get; }
    /// <summary>max / initial rate.</summary>
    public double DivFactor { get; }
    /// <summary>initial / final rate.</summary>
    public double FinalDivFactor { get; }

    /// <summary>lr(0) = max / divFactor.</summary>
    public double InitialLearningRate => MaxLearningRate / DivFactor;
    /// <summary>lr(T − 1) = max / (divFactor·finalDivFactor).</summary>
    public double FinalLearningRate => InitialLearningRate / FinalDivFactor;

    /// <summary>The rate at optimizer step <paramref name="t"/>, cosine-annealed within its phase.</summary>
    /// <exception cref="ArgumentOutOfRangeException">t ≥ total steps (PyTorch raises too: the cycle is over).</exception>
    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        if (t >= TotalSteps)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"OneCycleLR was built for {TotalSteps} steps (0 … {TotalSteps - 1}), asked for step {t}");
        return t <= _phaseOneEnd
            ? Anneal(InitialLearningRate, MaxLearningRate, 0, _phaseOneEnd, t)
            : Anneal(MaxLearningRate, FinalLearningRate, _phaseOneEnd, TotalSteps - 1, t);
    }

    private static double Anneal(double from, double to, double startStep, double endStep, long t)
    {
        // A phase of zero length (tiny pctStart·T) is already complete rather than 0/0.
        double fraction = endStep > startStep ? (t - startStep) / (endStep - startStep) : 1;
        return to + (from - to) / 2 * (Math.Cos(Math.PI * fraction) + 1);
    }
}
