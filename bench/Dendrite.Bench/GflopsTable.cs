using System.Diagnostics;
using Dendrite.Kernels.Gemm;
using Dendrite.Kernels.Threading;

namespace Dendrite.Bench;

/// <summary>
/// Quick non-BenchmarkDotNet mode: best-of-N wall time per GEMM shape and thread count, printed as GFLOP/s
/// (2·m·n·k / seconds). Meant for the README table; use the BenchmarkDotNet suites for careful numbers.
/// Usage: gflops [seconds per case, default 0.3] [shape-name filter].
/// </summary>
internal static class GflopsTable
{
    public static void Run(ReadOnlySpan<string> args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0.3;
        string? filter = args.Length > 1 ? args[1] : null;
        Console.WriteLine($"Sgemm path: {Sgemm.ActivePath}, processors: {Environment.ProcessorCount}");
        Console.WriteLine($"{"shape (m x n x k)",-26} {"op",-4} {"threads",7} {"µs/call",10} {"GFLOP/s",9}");
        foreach (var shape in GemmShape.All)
        {
            if (filter is not null && !shape.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (int threads in new[] { 1, 2 })
            {
                KernelThreads.Count = threads;
                double best = Measure(shape, seconds);
                double gflops = 2.0 * shape.M * shape.N * shape.K / best / 1e9;
                Console.WriteLine($"{shape.Name,-26} {shape.Op,-4} {threads,7} {best * 1e6,10:F2} {gflops,9:F1}");
            }
        }
    }

    private static double Measure(GemmShape s, double budgetSeconds)
    {
        var op = new GemmOperands(s);
        for (int i = 0; i < 3; i++) op.Run();
        // Calibrate a batch of calls lasting ~2 ms so timer resolution does not matter, then keep the best batch.
        int batch = 1;
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++) op.Run();
            if (Stopwatch.GetElapsedTime(t0).TotalMilliseconds > 2 || batch > 1 << 20) break;
            batch *= 2;
        }
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < budgetSeconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++) op.Run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds / batch);
        }
        return best;
    }
}
