namespace Dendrite.Data.Loading;

/// <summary>A download was refused by the server or its bytes failed verification (e.g. a SHA-256 mismatch).</summary>
public class DatasetDownloadException : DendriteException
{
    public DatasetDownloadException() { }
    public DatasetDownloadException(string message) : base(message) { }
    public DatasetDownloadException(string message, Exception inner) : base(message, inner) { }
}
