namespace Dendrite.Nn;

/// <summary>An activation name that <see cref="ActivationRegistry"/> does not know; the message lists the known ones.</summary>
public sealed class UnknownActivationException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the activation.</summary>
    public UnknownActivationException() { }
    /// <summary>Creates the exception; <paramref name="message"/> quotes the name and lists the known ones.</summary>
    public UnknownActivationException(string message) : base(message) { }
    /// <summary>Creates the exception with the error that caused it.</summary>
    public UnknownActivationException(string message, Exception inner) : base(message, inner) { }
}
