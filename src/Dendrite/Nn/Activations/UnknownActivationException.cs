namespace Dendrite.Nn;

/// <summary>An activation name that <see cref="ActivationRegistry"/> does not know; the message lists the known ones.</summary>
public sealed class UnknownActivationException : DendriteException
{
    public UnknownActivationException() { }
    public UnknownActivationException(string message) : base(message) { }
    public UnknownActivationException(string message, Exception inner) : base(message, inner) { }
}
