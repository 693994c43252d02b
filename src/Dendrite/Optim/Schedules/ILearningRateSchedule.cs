namespace Dendrite.Optim.Schedules;

/// <summary>
/// A learning rate as a pure function of time: lr = f(t), where t counts epochs or optimizer steps from 0
/// (whichever the caller steps it by). Stateless, so resuming from a checkpoint needs only t. Values match
/// PyTorch's scheduler of the same name after t calls to its step().
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for epoch or step <paramref name="t"/> ≥ 0.</summary>
    double LearningRateAt(long t);
}
