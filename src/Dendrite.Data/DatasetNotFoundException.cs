namespace Dendrite.Data;

/// <summary>
/// A data set could not be found in any of the places searched, nor downloaded. The message lists every way to
/// provide it, on one line, so the CLI can print it as is.
/// </summary>
public class DatasetNotFoundException : DendriteException
{
    public DatasetNotFoundException() { }
    public DatasetNotFoundException(string message) : base(message) { }
    public DatasetNotFoundException(string message, Exception inner) : base(message, inner) { }
}
