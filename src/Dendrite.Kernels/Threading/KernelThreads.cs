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

    /// <summary>How many parallel items this thread is inside (see <see cref="Count"/>).</summary>
    [ThreadStatic] private static int t_itemDepth;

    /// <summary>
    /// Threads a kernel may use, including the calling thread. Default: <see cref="Environment.ProcessorCount"/>.
    /// Read inside an item of a parallel job (<see cref="ParallelFor"/>), on whichever thread runs it, it is 1: the
    /// pool runs one job at a time, so a kernel called there runs on that thread anyway, and it must not cut its
    /// work into chunks for threads that cannot join (a GEMM would pack its A once per chunk).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">value outside 1..<see cref="MaxCount"/>.</exception>
    public static int Count
    {
        get => t_itemDepth > 0 ? 1 : Volatile.Read(ref s_count);
        set
        {
            if (value < 1 || value > MaxCount)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.Count must be in 1..{MaxCount}.");
            Volatile.Write(ref s_count, value);
        }
    }

    /// <summary>Marks the start of a parallel item on this thread (paired with <see cref="ExitItem"/>).</summary>
    internal static void EnterItem() => t_itemDepth++;

    /// <summary>Marks the end of a parallel item on this thread.</summary>
    internal static void ExitItem() => t_itemDepth--;
}
