using System.Net;
using Dendrite.Cli;
using Dendrite.Cli.Commands;
using Dendrite.Data;

namespace Dendrite.Serving.Tests;

public sealed class ServeCommandTests : IDisposable
{
    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    private static CliServices NoData { get; } = new((_, _) => throw new InvalidOperationException("serve must not load a data set"));

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Cli.Cli.Run(args, stdout, stderr, NoData);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--port", "65536", "--port must be an integer from 0 to 65535")]
    [InlineData("--port", "-1", "--port must be an integer from 0 to 65535")]
    [InlineData("--host", "example.org", "--host must be an IP address")]
    [InlineData("--batch-window-ms", "5000", "--batch-window-ms must be at most 1000")]
    [InlineData("--max-body-mb", "0", "--max-body-mb must be an integer from 1 to 2047")]
    public void BadOption_IsAOneLineUsageError(string option, string value, string message)
    {
        string model = _models.Image().Source;

        var (code, _, stderr) = Run("serve", model, option, value);

        Assert.Equal(Cli.Cli.UserError, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MissingModel_IsAOneLineError()
    {
        var (code, _, stderr) = Run("serve", _models.Combine("nothing.safetensors"), "--port", "0");

        Assert.Equal(Cli.Cli.UserError, code);
        Assert.StartsWith("dendrite: ", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing.safetensors", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheEndpoints()
    {
        var (code, stdout, _) = Run("serve", "--help");

        Assert.Equal(Cli.Cli.Success, code);
        Assert.Contains("POST /predict", stdout, StringComparison.Ordinal);
        Assert.Contains("--port N", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ListensOnTheGivenHostAndAnswers_UntilStopped()
    {
        string model = _models.Image().Source;
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = new StringWriter();
        var command = new ServeCommand(started.SetResult, stop.Token);

        Task<int> run = Task.Run(() => command.Run([model, "--port", "0", "--host", "127.0.0.1"], TextWriter.Synchronized(stdout), TextWriter.Null, NoData));
        Uri address = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = address };
        HttpStatusCode health = (await client.GetAsync("/healthz")).StatusCode;
        await stop.CancelAsync();
        int code = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.Equal(Cli.Cli.Success, code);
        Assert.Contains($"on http://127.0.0.1:{address.Port}: POST /predict", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("stopped after 0 requests", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_OnAPortInUse_IsAOneLineError()
    {
        await using var server = await RunningServer.StartAsync(_models.Image());

        int port = server.Server.Address.Port;

        var (code, _, stderr) = Run("serve", _models.Image().Source, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Cli.Cli.UserError, code);
        Assert.StartsWith($"dendrite: cannot listen on 127.0.0.1:{port}", stderr, StringComparison.Ordinal);
    }
}
