namespace Dendrite.Optim.Schedules;

/// <summary>Helpers that connect an <see cref="ILearningRateSchedule"/> to an optimizer.</summary>
public static class LearningRateScheduleExtensions
{
    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to the schedule's value for <paramref name="t"/> (rounded to float).</summary>
    public static void ApplyTo(this ILearningRateSchedule schedule, IOptimizer optimizer, long t)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = (float)schedule.LearningRateAt(t);
    }

    internal static void CheckTime(long t)
    {
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t), t, $"schedule time must be ≥ 0, got {t}");
    }
}
