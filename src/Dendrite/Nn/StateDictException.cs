namespace Dendrite.Nn;

/// <summary>
/// A state dict that does not fit a model: keys the model lacks, keys the dict lacks, or tensors of the wrong shape.
/// The message names every offending key.
/// </summary>
public sealed class StateDictException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public StateDictException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public StateDictException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public StateDictException(string message, Exception inner) : base(message, inner) { }
}
