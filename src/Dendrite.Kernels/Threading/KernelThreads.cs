namespace Dendrite.Kernels.Threading;

/// <summary>
/// Library-wide setting for how many threads kernels (GEMM, large elementwise ops) may use.
/// Results never depend on this value: work is split over output elements, never over a summation.
/// </summary>
public static class KernelThreads
{
    /// <summary>Upper bound accepted by <see cref="Count"/>; more threads than cores is allowed (tests use it).</summary>
    public const int MaxCount = 64;

    private static int s_count = Math.Clamp(Environment.ProcessorCount, 1, MaxCount);

    /// <summary>Threads a kernel may use, including the calling thread. Default: <see cref="Environment.ProcessorCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">value outside 1..<see cref="MaxCount"/>.</exception>
    public static int Count
    {
        get => Volatile.Read(ref s_count);
        set
        {
            if (value < 1 || value > MaxCount)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.Count must be in 1..{MaxCount}.");
            Volatile.Write(ref s_count, value);
        }
    }
}
