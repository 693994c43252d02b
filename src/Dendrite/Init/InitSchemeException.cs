namespace Dendrite.Init;

/// <summary>An initialization scheme string (e.g. from the command line) that <see cref="LinearInit.Parse"/> cannot read.</summary>
public sealed class InitSchemeException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one quoting the scheme text.</summary>
    public InitSchemeException() { }
    /// <summary>
    /// Creates the exception; <paramref name="message"/> quotes the scheme text and what was expected.
    /// </summary>
    public InitSchemeException(string message) : base(message) { }
    /// <summary>Creates the exception with the argument error that caused it (e.g. a negative gain).</summary>
    public InitSchemeException(string message, Exception inner) : base(message, inner) { }
}
