using System.Diagnostics;

namespace Dendrite.Bench;

/// <summary>Quick non-BenchmarkDotNet timings of the fused kernels (best batch), reusing <see cref="FusedBenchmarks"/>.</summary>
internal static class FusedTable
{
    public static void Run()
    {
        var b = new FusedBenchmarks();
        b.Setup();
        (string Name, Action Body)[] cases =
        [
            ("BiasRelu 256x256", b.BiasRelu),
            ("BiasSigmoid 256x256", b.BiasSigmoid),
            ("BiasTanh 256x256", b.BiasTanh),
            ("ReluBackwardBiasGrad 256x256", b.ReluBackwardBiasGrad),
            ("SigmoidBackwardBiasGrad 256x256", b.SigmoidBackwardBiasGrad),
            ("SoftmaxCrossEntropy 256x10", () => b.SoftmaxCrossEntropy256x10()),
        ];
        foreach (var (name, body) in cases)
        {
            for (int i = 0; i < 200; i++) body();
            double best = double.MaxValue;
            for (int rep = 0; rep < 50; rep++)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < 20; i++) body();
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds / 20);
            }
            Console.WriteLine($"{name,-34} {best * 1e6,8:F2} µs");
        }
    }
}
