namespace Dendrite.Optim.Schedules;

/// <summary>
/// Cosine annealing without restarts (PyTorch CosineAnnealingLR, in its closed form):
/// lr(t) = η_min + (base − η_min)·(1 + cos(π·t / T_max)) / 2. It reaches η_min at t = T_max and, like PyTorch,
/// keeps following the cosine (rising again) after it.
/// </summary>
public sealed class CosineAnnealingLR : ILearningRateSchedule
{
    /// <summary>
    /// A cosine schedule from <paramref name="baseLearningRate"/> down to <paramref name="etaMin"/> at t = T_max.
    /// </summary>
    /// <param name="baseLearningRate">lr(0) (finite, &gt; 0).</param>
    /// <param name="tMax">T_max ≥ 1: the half period, in epochs or steps.</param>
    /// <param name="etaMin">η_min, the lowest rate (finite, ≥ 0; PyTorch's default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineAnnealingLR(double baseLearningRate, int tMax, double etaMin = 0)
    {
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.AtLeast(tMax, 1, "TMax");
        OptionCheck.NonNegative(etaMin, "EtaMin");
        (BaseLearningRate, TMax, EtaMin) = (baseLearningRate, tMax, etaMin);
    }

    /// <summary>lr(0), the rate at the top of the cosine.</summary>
    public double BaseLearningRate { get; }
    /// <summary>T_max: lr reaches <see cref="EtaMin"/> at t = T_max.</summary>
    public int TMax { get; }
    /// <summary>η_min, the rate at t = T_max.</summary>
    public double EtaMin { get; }

    /// <summary>η_min + (base − η_min)·(1 + cos(π·t / T_max)) / 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> &lt; 0.</exception>
    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        return EtaMin + (BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * t / TMax)) / 2;
    }
}
