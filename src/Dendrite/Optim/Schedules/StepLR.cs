namespace Dendrite.Optim.Schedules;

/// <summary>Step decay (PyTorch StepLR): lr(t) = base·γ^⌊t / stepSize⌋.</summary>
public sealed class StepLR : ILearningRateSchedule
{
    /// <summary>
    /// A schedule multiplying the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs or steps.
    /// </summary>
    /// <param name="baseLearningRate">lr(0) (finite, &gt; 0).</param>
    /// <param name="stepSize">Period of the decay, ≥ 1.</param>
    /// <param name="gamma">γ (finite, &gt; 0; PyTorch's default 0.1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StepLR(double baseLearningRate, int stepSize, double gamma = 0.1)
    {
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.AtLeast(stepSize, 1, "StepSize");
        OptionCheck.Positive(gamma, "Gamma");
        (BaseLearningRate, StepSize, Gamma) = (baseLearningRate, stepSize, gamma);
    }

    /// <summary>lr(0), used for t &lt; step size.</summary>
    public double BaseLearningRate { get; }
    /// <summary>Period of the decay in epochs or steps.</summary>
    public int StepSize { get; }
    /// <summary>γ, the factor per period.</summary>
    public double Gamma { get; }

    /// <summary>base·γ^⌊t / stepSize⌋.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> &lt; 0.</exception>
    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        return BaseLearningRate * Math.Pow(Gamma, t / StepSize);
    }
}
