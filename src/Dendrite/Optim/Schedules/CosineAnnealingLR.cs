namespace Dendrite.Optim.Schedules;

/// <summary>
/// Cosine annealing without restarts (PyTorch CosineAnnealingLR, in its closed form):
/// lr(t) = η_min + (base − η_min)·(1 + cos(π·t / T_max)) / 2. It reaches η_min at t = T_max and, like PyTorch,
/// keeps following the cosine (rising again) after it.
/// </summary>
public sealed class CosineAnnealingLR : ILearningRateSchedule
{
    public CosineAnnealingLR(double baseLearningRate, int tMax, double etaMin = 0)
    {
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.AtLeast(tMax, 1, "TMax");
        OptionCheck.NonNegative(etaMin, "EtaMin");
        (BaseLearningRate, TMax, EtaMin) = (baseLearningRate, tMax, etaMin);
    }

    public double BaseLearningRate { get; }
    public int TMax { get; }
    public double EtaMin { get; }

    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        return EtaMin + (BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * t / TMax)) / 2;
    }
}
