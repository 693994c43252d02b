using Dendrite.Data;

namespace Dendrite.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and injected data.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StdoutLines => Lines(Stdout);
        public string[] StderrLines => Lines(Stderr);

        private static string[] Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    /// <summary>Services whose data loading fails the test: for runs that must stop before loading anything.</summary>
    public static CliServices NoData { get; } = new((_, _) => throw new InvalidOperationException("data must not be loaded"))
    {
        // train --csv runs without --out land here instead of in the test's working folder.
        RunsRoot = Path.Combine(Path.GetTempPath(), "dendrite-cli-test-runs"),
    };

    /// <summary>A tiny separable 3-class problem with 4 features: class = index of the largest of the first 3 features.</summary>
    public static CliServices Synthetic { get; } = new((_, log) =>
    {
        log("synthetic data");
        return new FashionMnistData(Make(60, 1), Make(30, 2), "synthetic");
    })
    {
        // Runs without --out land here instead of in the test's working folder.
        RunsRoot = Path.Combine(Path.GetTempPath(), "dendrite-cli-test-runs"),
    };

    private static InMemoryDataset Make(int count, ulong seed)
    {
        var rng = new Dendrite.Random.Rng(seed);
        var features = new float[count * 4];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < 4; j++) features[i * 4 + j] = rng.NextFloat();
            int best = 0;
            for (int j = 1; j < 3; j++) if (features[i * 4 + j] > features[i * 4 + best]) best = j;
            labels[i] = best;
        }
        return new InMemoryDataset(features, 4, labels, 3);
    }

    public static Result Run(CliServices services, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Cli.Run(args, stdout, stderr, services);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
