namespace Dendrite;

/// <summary>
/// Base type of errors caused by the user's input (a bad file, a missing data set, a wrong option), as opposed to
/// bugs. The CLI prints its message on one line and exits with code 2. Messages name the file, line or shape and
/// what was expected.
/// </summary>
public class DendriteException : Exception
{
    /// <summary>Creates the exception with a generic message; prefer one naming the input at fault.</summary>
    public DendriteException() { }
    /// <summary>
    /// Creates the exception; <paramref name="message"/> is one line naming the input and what was expected.
    /// </summary>
    public DendriteException(string message) : base(message) { }
    /// <summary>Creates the exception with the error that caused it (often an <see cref="IOException"/>).</summary>
    public DendriteException(string message, Exception inner) : base(message, inner) { }
}
