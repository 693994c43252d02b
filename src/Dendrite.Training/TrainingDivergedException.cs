namespace Dendrite.Training;

/// <summary>
/// The training loss or the parameters stopped being finite: the run is stopped where it happened rather than
/// finishing with NaN weights. The message names the epoch and step and what to try.
/// </summary>
public sealed class TrainingDivergedException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrainingDivergedException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public TrainingDivergedException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public TrainingDivergedException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Describes a divergence at <paramref name="epoch"/>, step <paramref name="step"/> (0: found after the epoch).</summary>
    public TrainingDivergedException(int epoch, int step, string what)
        : base($"training diverged in epoch {epoch}{(step > 0 ? $", step {step}" : "")}: {what}; try a lower learning rate or gradient clipping")
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>The 1-based epoch in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based step of that epoch, or 0 when found at the epoch's end.</summary>
    public int Step { get; }
}
