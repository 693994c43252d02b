using System.Buffers;
using Dendrite.Training.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dendrite.Cli.Serving;

/// <summary>
/// <c>dendrite serve</c>'s HTTP server: an ASP.NET Core minimal API on Kestrel over one loaded model, shared by every
/// request through a thread-safe <see cref="Predictor"/> and a <see cref="MicroBatcher"/>.
/// <list type="bullet">
/// <item><c>POST /predict</c> <c>{"rows": [...]}</c> → predictions (<see cref="PredictRequestReader"/>, <see cref="ServeJson"/>);</item>
/// <item><c>GET /metadata</c> → architecture, task, classes, input schema;</item>
/// <item><c>GET /healthz</c> → <c>{"status":"ok",…}</c>.</item>
/// </list>
/// What the client got wrong (not JSON, a wrong width, a missing column, a body over the limit, an unknown path) is
/// answered 4xx with <c>{"error": …}</c>; only a bug gives a 500, reported on the log writer, and no request can stop
/// the server. The host is built empty (no configuration files, environment variables or logging providers), so
/// nothing but the options given here decides how it listens.
/// </summary>
internal sealed class PredictionServer : IAsyncDisposable
{
    private const string Endpoints = "POST /predict, GET /metadata, GET /healthz";

    private readonly WebApplication _app;
    private readonly TrainedModel _model;
    private readonly Predictor _predictor;
    private readonly ServeOptions _options;
    private readonly TextWriter _log;

    private PredictionServer(WebApplication app, TrainedModel model, ServeOptions options, TextWriter log)
    {
        _app = app;
        _model = model;
        _options = options;
        _log = log;
        _predictor = new Predictor(model);
        Batcher = new MicroBatcher(_predictor, options.MaxBatchRows, options.BatchWindow);
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:8080 (the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The batcher, for its counters.</summary>
    public MicroBatcher Batcher { get; }

    /// <summary>Starts serving <paramref name="model"/>; bugs in request handling are reported on <paramref name="log"/>.</summary>
    /// <exception cref="IOException">The address cannot be bound (in use, or not an address of this machine).</exception>
    public static async Task<PredictionServer> StartAsync(TrainedModel model, ServeOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = DrainLimit(options.MaxBodyBytes);
            kestrel.Listen(options.Host, options.Port);
        });
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        var server = new PredictionServer(app, model, options, log);
        app.UseStatusCodePages(context => NoEndpointAsync(context.HttpContext));
        app.MapPost("/predict", server.Guard(server.PredictAsync));
        app.MapGet("/metadata", server.Guard(ctx => WriteJsonAsync(ctx, StatusCodes.Status200OK, b => ServeJson.Metadata(b, model, options))));
        app.MapGet("/healthz", server.Guard(ctx => WriteJsonAsync(ctx, StatusCodes.Status200OK, b => ServeJson.Health(b, server.Batcher))));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.Batcher.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address);
        return server;
    }

    private async Task PredictAsync(HttpContext context)
    {
        // From here until its rows are queued, a batch being gathered may wait for this request.
        using BatchAnnouncement announcement = Batcher.Announce();
        PredictRequest request;
        (byte[] body, int length) = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        try
        {
            request = PredictRequestReader.Read(body.AsSpan(0, length), _predictor);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
        Prediction[] predictions = await Batcher.PredictAsync(request.Features, request.Count, announcement).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, b => ServeJson.Predictions(b, predictions, request.Ids, _model.Info)).ConfigureAwait(false);
    }

    /// <summary>The whole body in a pooled buffer, refusing one over the limit before it is read (by its declared length) or as it grows.</summary>
    private async Task<(byte[] Body, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        long max = _options.MaxBodyBytes;
        if (request.ContentLength > max) throw TooLarge();
        System.IO.Pipelines.PipeReader reader = request.BodyReader;
        while (true)
        {
            System.IO.Pipelines.ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length > max)
            {
                reader.AdvanceTo(buffer.End);
                throw TooLarge();
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                byte[] body = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, buffer.Length));
                buffer.CopyTo(body);
                int length = (int)buffer.Length;
                reader.AdvanceTo(buffer.End);
                return (body, length);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Kestrel's own body limit: above the server's <see cref="ServeOptions.MaxBodyBytes"/>, which the handler enforces,
    /// so that after a 413 Kestrel still reads and discards the rest of an oversized body, up to 4× the limit (at
    /// least 64 MiB more). A client that sends its whole body before reading the answer (Python's http.client and
    /// requests do) then gets the 413 and its message instead of a broken pipe; a body beyond this still has its
    /// connection closed.
    /// </summary>
    internal static long DrainLimit(long maxBodyBytes) =>
        maxBodyBytes >= long.MaxValue / 4 ? long.MaxValue : Math.Max(4 * maxBodyBytes, maxBodyBytes + (64L << 20));

    private RequestException TooLarge() =>
        new($"the body is larger than the server's limit of {_options.MaxBodyBytes} bytes (dendrite serve --max-body-mb); send fewer rows per request",
            StatusCodes.Status413PayloadTooLarge);

    /// <summary>Runs <paramref name="handler"/>, turning what the client got wrong into a 4xx JSON answer and a bug into a logged 500.</summary>
    private RequestDelegate Guard(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (RequestException e)
        {
            await ErrorAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while reading the body: over the size limit, a broken chunked encoding, too slow.
            await ErrorAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge().Message : Cli.OneLine(e.Message))
                .ConfigureAwait(false);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away; nobody is left to answer.
        }
#pragma warning disable CA1031 // A bug in one request must not take the server down: it is logged and answered 500.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await _log.WriteLineAsync($"dendrite serve: internal error on {context.Request.Method} {context.Request.Path}: {e}").ConfigureAwait(false);
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, $"internal error ({e.GetType().Name}); the server log has the details")
                .ConfigureAwait(false);
        }
    };

    /// <summary>A 404 or 405 from routing, given a JSON body that lists the endpoints.</summary>
    private static Task NoEndpointAsync(HttpContext context)
    {
        int status = context.Response.StatusCode;
        string what = status == StatusCodes.Status405MethodNotAllowed ? "method not allowed" : "no such endpoint";
        return ErrorAsync(context, status, $"{what}: {context.Request.Method} {Cli.OneLine(context.Request.Path.ToString())}; the server answers {Endpoints}");
    }

    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        return WriteJsonAsync(context, status, b => ServeJson.Error(b, message));
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        write(buffer);
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops listening, lets requests in flight finish, then stops the batcher.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await Batcher.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
