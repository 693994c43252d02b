namespace Dendrite.TestKit;

/// <summary>Allocation measurements with the runtime's per-thread counter, for "the steady state allocates nothing" tests.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="step"/> <paramref name="warmup"/> times (buffers, JIT), then three rounds of
    /// <paramref name="calls"/> calls, and returns the fewest bytes a round allocated on this thread. Best of three:
    /// a one-off growth (seen once on a fresh CI clone) is not a per-step allocation, and a step that allocates
    /// every time still fails all three.
    /// </summary>
    public static long SteadyState(Action step, int warmup = 3, int calls = 10)
    {
        ArgumentNullException.ThrowIfNull(step);
        for (int i = 0; i < warmup; i++) step();
        long best = long.MaxValue;
        for (int round = 0; round < 3 && best > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++) step();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return best;
    }
}
