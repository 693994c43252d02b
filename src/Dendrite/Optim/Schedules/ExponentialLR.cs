namespace Dendrite.Optim.Schedules;

/// <summary>Exponential decay (PyTorch ExponentialLR): lr(t) = base·γ^t.</summary>
public sealed class ExponentialLR : ILearningRateSchedule
{
    /// <summary>A schedule multiplying the rate by <paramref name="gamma"/> each epoch or step.</summary>
    /// <param name="baseLearningRate">lr(0) (finite, &gt; 0).</param>
    /// <param name="gamma">γ (finite, &gt; 0); γ &lt; 1 decays, γ &gt; 1 grows.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite and &gt; 0.</exception>
    public ExponentialLR(double baseLearningRate, double gamma)
    {
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.Positive(gamma, "Gamma");
        (BaseLearningRate, Gamma) = (baseLearningRate, gamma);
    }

    /// <summary>lr(0).</summary>
    public double BaseLearningRate { get; }
    /// <summary>γ, the factor per unit of t.</summary>
    public double Gamma { get; }

    /// <summary>base·γ^t (underflows to 0 for large t with γ &lt; 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> &lt; 0.</exception>
    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        return BaseLearningRate * Math.Pow(Gamma, t);
    }
}
