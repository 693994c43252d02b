using System.Net;

namespace Dendrite.Data.Tests.Loading;

/// <summary>
/// Serves downloads from memory: a file name (last URL segment) maps to its bytes, unknown names get 404,
/// and <see cref="Failure"/>, when set, is thrown instead (a network error). Records every URL asked for.
/// </summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Dictionary<string, byte[]> _files;

    public FakeHttpHandler(Dictionary<string, byte[]> files) => _files = files;

    public Exception? Failure { get; init; }

    public List<Uri> Requests { get; } = [];

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Uri uri = request.RequestUri!;
        Requests.Add(uri);
        if (Failure is not null) throw Failure;
        string file = uri.Segments[^1];
        return _files.TryGetValue(file, out byte[]? bytes)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "Not Found" };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(Send(request, cancellationToken));
}
