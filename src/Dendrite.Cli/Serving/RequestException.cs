namespace Dendrite.Cli.Serving;

/// <summary>
/// A request the server cannot answer because of what the client sent (not JSON, a row of the wrong width, a missing
/// column, a body too large). Answered with <see cref="StatusCode"/> and <c>{"error": message}</c>; never a 500.
/// </summary>
internal sealed class RequestException : DendriteException
{
    public RequestException(string message, int statusCode = 400) : base(message) => StatusCode = statusCode;

    public RequestException(string message, Exception inner, int statusCode = 400) : base(message, inner) => StatusCode = statusCode;

    /// <summary>The HTTP status: 400, or 413 for a body over the limit.</summary>
    public int StatusCode { get; }
}
