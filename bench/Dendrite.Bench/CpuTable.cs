using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Dendrite.Kernels.Gemm;
using Dendrite.Kernels.Threading;

namespace Dendrite.Bench;

/// <summary>
/// `-- cpus` (Linux): how fast each CPU of this machine runs the same one-thread GEMM (half of the MLP's forward
/// product, 256×128×784), first alone on it, then with every CPU running its own copy at once. An equal split of a
/// product over threads finishes when the slowest CPU does, so a gap between CPUs is time a two-thread step waits.
/// </summary>
internal static partial class CpuTable
{
    private const int Calls = 300;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint size, ref ulong mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint size, ref ulong mask);

    public static void Run()
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount > 64)
        {
            Console.WriteLine("cpus: needs Linux (sched_setaffinity) and at most 64 CPUs");
            return;
        }
        int cpus = Environment.ProcessorCount;
        KernelThreads.Count = 1;
        Console.WriteLine("cpu  alone µs  GFLOP/s  all at once µs  GFLOP/s");
        var alone = new double[cpus];
        for (int c = 0; c < cpus; c++) alone[c] = OnCpu(c, () => Median(new HalfProduct()));
        var together = new double[cpus];
        var threads = Enumerable.Range(0, cpus)
            .Select(c => new Thread(() => together[c] = OnCpu(c, () => Median(new HalfProduct())))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (int c = 0; c < cpus; c++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c,3}  {alone[c],8:F0}  {HalfProduct.Flops / alone[c] / 1e3,7:F0}  {together[c],14:F0}  {HalfProduct.Flops / together[c] / 1e3,7:F0}"));
    }

    /// <summary>Runs <paramref name="body"/> with this thread pinned to <paramref name="cpu"/>, then restores its mask.</summary>
    private static double OnCpu(int cpu, Func<double> body)
    {
        ulong before = 0, only = 1UL << cpu;
        if (sched_getaffinity(0, sizeof(ulong), ref before) != 0 || sched_setaffinity(0, sizeof(ulong), ref only) != 0)
            throw new InvalidOperationException($"cannot pin this thread to cpu {cpu}");
        try
        {
            return body();
        }
        finally
        {
            sched_setaffinity(0, sizeof(ulong), ref before);
        }
    }

    /// <summary>Median µs of <see cref="Calls"/> calls after 30 warm-up calls.</summary>
    private static double Median(HalfProduct product)
    {
        for (int i = 0; i < 30; i++) product.Run();
        var t = new double[Calls];
        for (int i = 0; i < Calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            product.Run();
            t[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(t);
        return t[Calls / 2];
    }

    /// <summary>Half of the MLP's forward product with its own operands: 256 rows, 128 of the 256 hidden units.</summary>
    private sealed class HalfProduct
    {
        public const double Flops = 2.0 * 256 * 128 * 784;
        private readonly float[] _x = new float[256 * 784], _w = new float[128 * 784], _h = new float[256 * 128];

        public HalfProduct()
        {
            _x.AsSpan().Fill(0.5f);
            _w.AsSpan().Fill(0.25f);
        }

        public void Run() => Sgemm.Multiply(Transpose.No, Transpose.Yes, 256, 128, 784, _x, 784, _w, 784, 0f, _h, 128);
    }
}
