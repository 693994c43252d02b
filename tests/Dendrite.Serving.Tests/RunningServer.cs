using System.Net;
using System.Text;
using System.Text.Json;
using Dendrite.Cli.Serving;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

/// <summary>A <see cref="PredictionServer"/> on 127.0.0.1 with a free port, and a client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly StringWriter _log;

    private RunningServer(PredictionServer server, StringWriter log)
    {
        Server = server;
        _log = log;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public PredictionServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>What the server reported as internal errors (bugs); empty in every test.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<RunningServer> StartAsync(TrainedModel model, Func<ServeOptions, ServeOptions>? configure = null)
    {
        var options = new ServeOptions(IPAddress.Loopback, 0);
        if (configure is not null) options = configure(options);
        var log = new StringWriter();
        var server = await PredictionServer.StartAsync(model, options, TextWriter.Synchronized(log));
        return new RunningServer(server, log);
    }

    /// <summary>POSTs <paramref name="json"/> to /predict; the status and the parsed answer (which must be JSON).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string path = "/predict")
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Client.PostAsync(path, content);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using HttpResponseMessage response = await Client.GetAsync(path);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
