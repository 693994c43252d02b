namespace Dendrite.Data.Loading;

/// <summary>A download was refused by the server or its bytes failed verification (e.g. a SHA-256 mismatch).</summary>
public class DatasetDownloadException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the URL and the failure.</summary>
    public DatasetDownloadException() { }
    /// <summary>Creates the exception; <paramref name="message"/> names the URL and what went wrong.</summary>
    public DatasetDownloadException(string message) : base(message) { }
    /// <summary>Creates the exception with the network or I/O error that caused it.</summary>
    public DatasetDownloadException(string message, Exception inner) : base(message, inner) { }
}
