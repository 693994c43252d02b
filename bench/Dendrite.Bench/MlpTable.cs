using System.Diagnostics;
using System.Globalization;
using Dendrite.Kernels.Threading;

namespace Dendrite.Bench;

/// <summary>
/// Quick whole-model figures without BenchmarkDotNet (`dotnet run -c Release --project bench/Dendrite.Bench -- mlp`):
/// best-of-N time of a training step (and the 235-step epoch it implies), batch-1 latency back to back and alone
/// (1 ms apart), and batch throughput, for 1 and 2 threads.
/// </summary>
internal static class MlpTable
{
    private const int StepsPerEpoch = 235; // ceil(60000 / 256)
    // Forward GEMMs, both weight-gradient GEMMs, and dX of the output layer only (no gradient flows into the data).
    private const double FlopsPerStep = 2.0 * 256 * (2 * (784 * 256 + 256 * 10) + 256 * 10);

    public static void Run()
    {
        Console.WriteLine("threads  step µs  epoch s (235 steps)  GFLOP/s  batch-1 µs  batch-1 alone µs  batch-10000 samples/s");
        foreach (int threads in new[] { 1, 2 })
        {
            KernelThreads.Count = threads;
            var train = new MlpFixture(256);
            var one = new MlpFixture(1);
            var many = new MlpFixture(10_000);
            double step = Best(train.TrainStep, 30, 20);
            double latency = Best(one.Predict, 20_000, 10);
            double alone = MedianAlone(one.Predict, 500);
            double big = Best(many.Predict, 3, 10);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{threads,7}  {step * 1e6,7:F0}  {step * StepsPerEpoch,19:F3}  {FlopsPerStep / step / 1e9,7:F0}  {latency * 1e6,10:F2}  {alone * 1e6,16:F2}  {10_000 / big,21:N0}"));
        }
    }

    /// <summary>
    /// Median seconds of single calls 1 ms apart, as a server answering occasional requests sees them: the weights
    /// have partly left the caches and the workers have gone to sleep by then.
    /// </summary>
    private static double MedianAlone(Action action, int calls)
    {
        var times = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            Thread.Sleep(1);
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return times[calls / 2];
    }

    /// <summary>Best mean seconds per call over <paramref name="rounds"/> rounds of <paramref name="calls"/> calls.</summary>
    private static double Best(Action action, int calls, int rounds)
    {
        for (int i = 0; i < Math.Min(calls, 100); i++) action();
        double best = double.MaxValue;
        for (int r = 0; r < rounds; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++) action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / calls);
        }
        return best;
    }
}
