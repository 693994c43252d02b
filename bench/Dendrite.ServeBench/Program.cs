using System.Globalization;
using Dendrite.ServeBench;

// dotnet run -c Release --project bench/Dendrite.ServeBench -- inproc MODEL_OR_RUN [MODEL.onnx]
// dotnet run -c Release --project bench/Dendrite.ServeBench -- http URL [CLIENTS=1,8,64] [SECONDS=10] [ROWS=1]
// bench/serving/run.sh does both for the seed model (see bench/serving/README.md).
switch (args)
{
    case ["inproc", string model, .. var rest]:
        InProcessBench.Run(model, rest.Length > 0 ? rest[0] : null, Console.Out);
        return 0;
    case ["http", string url, .. var rest]:
        int[] clients = rest.Length > 0 ? [.. rest[0].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] : [1, 8, 64];
        double seconds = rest.Length > 1 ? double.Parse(rest[1], CultureInfo.InvariantCulture) : 10;
        int rows = rest.Length > 2 ? int.Parse(rest[2], CultureInfo.InvariantCulture) : 1;
        await HttpLoad.RunAsync(new Uri(url), clients, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Min(3, seconds / 3)), rows, Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: Dendrite.ServeBench inproc MODEL_OR_RUN [MODEL.onnx] | http URL [CLIENTS=1,8,64] [SECONDS=10] [ROWS=1]");
        return 2;
}
