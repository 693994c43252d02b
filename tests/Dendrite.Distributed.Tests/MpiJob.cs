using System.Diagnostics;

namespace Dendrite.Distributed.Tests;

/// <summary>Runs the dendrite CLI from the test's output folder, under <c>mpiexec.mpich -n N</c> or alone.</summary>
internal static class MpiJob
{
    public const string Launcher = "/usr/bin/mpiexec.mpich";

    /// <summary>Longer than any job here should take, so a hang fails the test instead of blocking the suite.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public string Output => Stdout + Stderr;
    }

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "Dendrite.Cli.dll");

    /// <summary><c>mpiexec.mpich -n ranks dotnet Dendrite.Cli.dll args…</c>, or the CLI alone when <paramref name="ranks"/> is 0.</summary>
    public static Result Run(int ranks, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (ranks > 0)
            Assert.True(File.Exists(Launcher), $"{Launcher} is missing: install MPICH (apt-get install mpich; ./test does it)");
        var start = new ProcessStartInfo(ranks > 0 ? Launcher : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ranks > 0)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(ranks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(CliDll);
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the job did not end within {Limit.TotalSeconds} s: {string.Join(' ', args)}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
