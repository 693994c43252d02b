namespace Dendrite.Data;

/// <summary>
/// A data file is malformed: wrong magic number, unsupported element type, a header that disagrees with the file's
/// real size, a truncated stream, labels out of range, or files of one split that disagree with each other.
/// The message names the file and what was expected versus what was found.
/// </summary>
public class DataFormatException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the file.</summary>
    public DataFormatException() { }
    /// <summary>Creates the exception; <paramref name="message"/> names the file and what was expected.</summary>
    public DataFormatException(string message) : base(message) { }
    /// <summary>Creates the exception with the error that caused it (e.g. an <see cref="IOException"/>).</summary>
    public DataFormatException(string message, Exception inner) : base(message, inner) { }
}
