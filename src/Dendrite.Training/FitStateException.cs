namespace Dendrite.Training;

/// <summary>A saved <see cref="FitState"/> that does not fit the run resuming from it (schedule, early stopping, model).</summary>
public sealed class FitStateException : DendriteException
{
    public FitStateException() { }

    public FitStateException(string message) : base(message) { }

    public FitStateException(string message, Exception inner) : base(message, inner) { }
}
