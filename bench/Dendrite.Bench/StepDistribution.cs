using System.Globalization;
using Dendrite.Kernels.Threading;

namespace Dendrite.Bench;

/// <summary>
/// `-- steps`: the distribution of single training-step times (784-256-10, batch 256, one fixed batch), on 1 and 2
/// threads, twice each. `-- mlp` reports the best round; an epoch pays the mean, and on this shared VM the two
/// differ by the slow tail (a preempted vCPU, a slower core), which this table shows.
/// </summary>
internal static class StepDistribution
{
    private const int Steps = 2000;

    public static void Run()
    {
        Console.WriteLine("threads  mean µs  p10 µs  p50 µs  p90 µs  p99 µs  max µs");
        foreach (int threads in new[] { 1, 2, 1, 2 })
        {
            KernelThreads.Count = threads;
            double[] t = CallTimes.Sorted(new MlpFixture(256).TrainStep, 200, Steps);
            double mean = t.Average();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{threads,7}  {mean,7:F0}  {t[Steps / 10],6:F0}  {t[Steps / 2],6:F0}  {t[Steps * 9 / 10],6:F0}  {t[Steps * 99 / 100],6:F0}  {t[^1],6:F0}"));
        }
    }
}
