namespace Dendrite.Optim.Schedules;

/// <summary>
/// Decay at milestones (PyTorch MultiStepLR): lr(t) = base·γ^k, k = number of milestones ≤ t (a milestone listed
/// twice counts twice, as in PyTorch).
/// </summary>
public sealed class MultiStepLR : ILearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>A schedule multiplying the rate by <paramref name="gamma"/> at each milestone.</summary>
    /// <param name="baseLearningRate">lr(0) (finite, &gt; 0).</param>
    /// <param name="milestones">
    /// The t values (≥ 1, any order, repeats allowed) at which the rate drops; may be empty.
    /// </param>
    /// <param name="gamma">γ (finite, &gt; 0; PyTorch's default 0.1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="milestones"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public MultiStepLR(double baseLearningRate, IEnumerable<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.Positive(gamma, "Gamma");
        _milestones = [.. milestones.Order()];
        if (_milestones.Length > 0) OptionCheck.AtLeast(_milestones[0], 1, "Milestones");
        (BaseLearningRate, Gamma) = (baseLearningRate, gamma);
    }

    /// <summary>lr(0), used until the first milestone.</summary>
    public double BaseLearningRate { get; }
    /// <summary>The milestones in ascending order, repeats kept.</summary>
    public IReadOnlyList<int> Milestones => _milestones;
    /// <summary>γ, the factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <summary>base·γ^k, k = the number of milestones ≤ <paramref name="t"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> &lt; 0.</exception>
    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        int passed = 0;
        while (passed < _milestones.Length && _milestones[passed] <= t) passed++;
        return BaseLearningRate * Math.Pow(Gamma, passed);
    }
}
