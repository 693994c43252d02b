namespace Dendrite.Optim.Schedules;

/// <summary>Exponential decay (PyTorch ExponentialLR): lr(t) = base·γ^t.</summary>
public sealed class ExponentialLR : ILearningRateSchedule
{
    public ExponentialLR(double baseLearningRate, double gamma)
    {
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.Positive(gamma, "Gamma");
        (BaseLearningRate, Gamma) = (baseLearningRate, gamma);
    }

    public double BaseLearningRate { get; }
    public double Gamma { get; }

    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        return BaseLearningRate * Math.Pow(Gamma, t);
    }
}
