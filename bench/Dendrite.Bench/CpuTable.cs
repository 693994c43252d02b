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

    /// <summary>Half of the MLP's forward product: 256 rows, 128 of the 256 hidden units.</summary>
    private static readonly GemmShape Half = new("fwd half x·W1ᵀ 256x128x784", Transpose.No, Transpose.Yes, 256, 128, 784);

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
        for (int c = 0; c < cpus; c++) alone[c] = OnCpu(c, MedianOfHalf);
        var together = new double[cpus];
        var threads = Enumerable.Range(0, cpus)
            .Select(c => new Thread(() => together[c] = OnCpu(c, MedianOfHalf))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        double flops = 2.0 * Half.M * Half.N * Half.K;
        for (int c = 0; c < cpus; c++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c,3}  {alone[c],8:F0}  {flops / alone[c] / 1e3,7:F0}  {together[c],14:F0}  {flops / together[c] / 1e3,7:F0}"));
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

    /// <summary>Median µs of the half product on its own random operands (30 warm-up calls).</summary>
    private static double MedianOfHalf() => CallTimes.Sorted(new GemmOperands(Half).Run, 30, Calls)[Calls / 2];
}
