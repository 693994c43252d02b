namespace Dendrite.Init;

/// <summary>An initialization scheme string (e.g. from the command line) that <see cref="LinearInit.Parse"/> cannot read.</summary>
public sealed class InitSchemeException : DendriteException
{
    public InitSchemeException() { }
    public InitSchemeException(string message) : base(message) { }
    public InitSchemeException(string message, Exception inner) : base(message, inner) { }
}
