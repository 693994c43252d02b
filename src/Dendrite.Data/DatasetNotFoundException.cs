namespace Dendrite.Data;

/// <summary>
/// A data set could not be found in any of the places searched, nor downloaded. The message lists every way to
/// provide it, on one line, so the CLI can print it as is.
/// </summary>
public class DatasetNotFoundException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one listing how to provide the data.</summary>
    public DatasetNotFoundException() { }
    /// <summary>Creates the exception; <paramref name="message"/> says where it looked and how to fix it.</summary>
    public DatasetNotFoundException(string message) : base(message) { }
    /// <summary>Creates the exception with the error that made the last attempt fail (often the download's).</summary>
    public DatasetNotFoundException(string message, Exception inner) : base(message, inner) { }
}
