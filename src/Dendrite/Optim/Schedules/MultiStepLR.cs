namespace Dendrite.Optim.Schedules;

/// <summary>
/// Decay at milestones (PyTorch MultiStepLR): lr(t) = base·γ^k, k = number of milestones ≤ t (a milestone listed
/// twice counts twice, as in PyTorch).
/// </summary>
public sealed class MultiStepLR : ILearningRateSchedule
{
    private readonly int[] _milestones;

    public MultiStepLR(double baseLearningRate, IEnumerable<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.Positive(gamma, "Gamma");
        _milestones = [.. milestones.Order()];
        if (_milestones.Length > 0) OptionCheck.AtLeast(_milestones[0], 1, "Milestones");
        (BaseLearningRate, Gamma) = (baseLearningRate, gamma);
    }

    public double BaseLearningRate { get; }
    public IReadOnlyList<int> Milestones => _milestones;
    public double Gamma { get; }

    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        int passed = 0;
        while (passed < _milestones.Length && _milestones[passed] <= t) passed++;
        return BaseLearningRate * Math.Pow(Gamma, passed);
    }
}
