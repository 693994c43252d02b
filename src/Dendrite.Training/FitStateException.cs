namespace Dendrite.Training;

/// <summary>A saved <see cref="FitState"/> that does not fit the run resuming from it (schedule, early stopping, model).</summary>
public sealed class FitStateException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the problem.</summary>
    public FitStateException() { }

    /// <summary>Creates the exception; <paramref name="message"/> names the setting that does not fit.</summary>
    public FitStateException(string message) : base(message) { }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public FitStateException(string message, Exception inner) : base(message, inner) { }
}
