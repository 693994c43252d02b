namespace Dendrite;

/// <summary>
/// Base type of errors caused by the user's input (a bad file, a missing data set, a wrong option), as opposed to
/// bugs. The CLI prints its message on one line and exits with code 2. Messages name the file, line or shape and
/// what was expected.
/// </summary>
public class DendriteException : Exception
{
    public DendriteException() { }
    public DendriteException(string message) : base(message) { }
    public DendriteException(string message, Exception inner) : base(message, inner) { }
}
