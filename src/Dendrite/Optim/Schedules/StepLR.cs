namespace Dendrite.Optim.Schedules;

/// <summary>Step decay (PyTorch StepLR): lr(t) = base·γ^⌊t / stepSize⌋.</summary>
public sealed class StepLR : ILearningRateSchedule
{
    public StepLR(double baseLearningRate, int stepSize, double gamma = 0.1)
    {
        OptionCheck.Positive(baseLearningRate, "BaseLearningRate");
        OptionCheck.AtLeast(stepSize, 1, "StepSize");
        OptionCheck.Positive(gamma, "Gamma");
        (BaseLearningRate, StepSize, Gamma) = (baseLearningRate, stepSize, gamma);
    }

    public double BaseLearningRate { get; }
    public int StepSize { get; }
    public double Gamma { get; }

    public double LearningRateAt(long t)
    {
        LearningRateScheduleExtensions.CheckTime(t);
        return BaseLearningRate * Math.Pow(Gamma, t / StepSize);
    }
}
