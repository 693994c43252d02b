namespace Dendrite.Optim;

/// <summary>Optimizer or scheduler state that does not fit the object it is imported into (a checkpoint of another kind or model).</summary>
public sealed class OptimizerStateException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the entry that does not fit.</summary>
    public OptimizerStateException() { }
    /// <summary>
    /// Creates the exception; <paramref name="message"/> names the key or value and what was expected.
    /// </summary>
    public OptimizerStateException(string message) : base(message) { }
    /// <summary>Creates the exception with the error that caused it.</summary>
    public OptimizerStateException(string message, Exception inner) : base(message, inner) { }
}
