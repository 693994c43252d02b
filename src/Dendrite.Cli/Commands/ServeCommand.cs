using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Dendrite.Cli.Options;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Serving;
using Dendrite.Data;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite serve MODEL_OR_RUN [--port N] [--host ADDR]</c>: serves predictions over HTTP
/// (<see cref="PredictionServer"/>) until Ctrl+C or SIGTERM.
/// </summary>
internal sealed class ServeCommand : ICommand
{
    private readonly CancellationToken _stop;
    private readonly Action<Uri>? _started;

    public ServeCommand()
        : this(null, CancellationToken.None)
    {
    }

    /// <summary>For tests: <paramref name="started"/> gets the server's address; <paramref name="stop"/> stops it as a signal would.</summary>
    internal ServeCommand(Action<Uri>? started, CancellationToken stop)
    {
        _stop = stop;
        _started = started;
    }

    public string Name => "serve";

    public string Summary => "serve a saved model over HTTP: POST /predict, GET /metadata, GET /healthz";

    private const string Description =
        "Serves MODEL_OR_RUN (a .safetensors model, or a run folder: its best.safetensors) over HTTP until Ctrl+C.\n" +
        "  POST /predict  {\"rows\": [...]}: an image row is an array of the model's input width of pixel values on the\n" +
        "                 0-255 scale of predict's CSV input; a table row is an object of column name -> string, number\n" +
        "                 or null (missing), read as predict reads a CSV. Answers {\"predictions\": [...]}: per row the\n" +
        "                 class with every class's probability, or the value.\n" +
        "  GET /metadata  architecture, task, classes or target, and the input schema (a table's columns and categories)\n" +
        "  GET /healthz   {\"status\":\"ok\"} with request, row and batch counts\n" +
        "Concurrent requests share one model; rows of requests that arrive together are predicted in one batch (a batch\n" +
        "waits up to --batch-window-ms for requests still being read, never for a lone client). A bad request (not\n" +
        "JSON, a wrong width, a missing column) is answered 400 and a body over the limit 413, each with\n" +
        "{\"error\": \"...\"}. Listens on loopback unless --host says otherwise; there is no authentication.";

    private static readonly OptionParser Parser = new("serve",
    [
        new("port", "N", "TCP port, 0 for any free one (default 8080)"),
        new("host", "ADDR", "IP address to listen on, or localhost (default 127.0.0.1; 0.0.0.0 for every interface)"),
        new("max-body-mb", "N", $"largest request body in MiB (default {ServeOptions.DefaultMaxBodyBytes >> 20})"),
        new("max-batch", "ROWS", "rows after which a batch runs without waiting for more (default 256)"),
        new("batch-window-ms", "X", "the longest a batch waits for requests still being read, in ms (default 2; 0: never)"),
    ], ["MODEL_OR_RUN"]);

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 1) throw new UsageException("serve needs one MODEL_OR_RUN argument", Parser.HelpCommand);
        ServeOptions options = ParseOptions(o);
        string path = ModelSource.Resolve(o.Positionals[0]);
        TrainedModel model = TrainedModel.Load(path);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        PredictionServer server = Start(model, options, stderr);
        try
        {
            string task = model.Info.Task == TaskKind.Regression ? "regression" : $"{model.Info.ClassNames!.Count} classes";
            stdout.WriteLine($"serving {path} ({model.Describe()}, {task}) on {server.Address.GetLeftPart(UriPartial.Authority)}: POST /predict, GET /metadata, GET /healthz; Ctrl+C stops");
            stdout.Flush();
            _started?.Invoke(server.Address);
            stop.Token.WaitHandle.WaitOne();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stopped after {server.Batcher.Requests} requests ({server.Batcher.Rows} rows in {server.Batcher.Batches} batches)"));
        return Cli.Success;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // stop gracefully instead of being killed
            stop.Cancel();
        }
    }

    private static PredictionServer Start(TrainedModel model, ServeOptions options, TextWriter log)
    {
        try
        {
            return PredictionServer.StartAsync(model, options, log).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new DendriteException($"cannot listen on {Endpoint(options)}: {Cli.OneLine(e.Message)}", e);
        }
    }

    private static string Endpoint(ServeOptions options) => new IPEndPoint(options.Host, options.Port).ToString();

    internal static ServeOptions ParseOptions(ParsedOptions o)
    {
        int port = 8080;
        if (o.Get("port") is { } portText
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > IPEndPoint.MaxPort))
            throw o.Error("port", "must be an integer from 0 to 65535");
        IPAddress host = IPAddress.Loopback;
        if (o.Get("host") is { } hostText && !(hostText == "localhost" || IPAddress.TryParse(hostText, out host!)))
            throw o.Error("host", "must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost");
        long maxBody = (long)ValueParsers.PositiveInt(o, "max-body-mb", (int)(ServeOptions.DefaultMaxBodyBytes >> 20), 2047) << 20;
        int maxBatch = ValueParsers.PositiveInt(o, "max-batch", 256, 1 << 20);
        float window = ValueParsers.NonNegativeFloat(o, "batch-window-ms", (float)ServeOptions.DefaultBatchWindowMs, allowZero: true);
        if (window > 1000f) throw o.Error("batch-window-ms", "must be at most 1000");
        return new ServeOptions(host ?? IPAddress.Loopback, port)
        {
            MaxBodyBytes = maxBody,
            MaxBatchRows = maxBatch,
            BatchWindow = TimeSpan.FromMilliseconds(window),
        };
    }
}
