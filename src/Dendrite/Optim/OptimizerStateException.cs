namespace Dendrite.Optim;

/// <summary>Optimizer or scheduler state that does not fit the object it is imported into (a checkpoint of another kind or model).</summary>
public sealed class OptimizerStateException : DendriteException
{
    public OptimizerStateException() { }
    public OptimizerStateException(string message) : base(message) { }
    public OptimizerStateException(string message, Exception inner) : base(message, inner) { }
}
