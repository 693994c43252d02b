namespace Dendrite.Kernels.Threading;

/// <summary>Low-overhead parallel loop over a persistent set of worker threads; the caller takes a share.</summary>
public static class ParallelFor
{
    /// <summary>
    /// Calls <c>work.Execute(i)</c> for i in 0..count-1 using up to <paramref name="maxThreads"/> threads
    /// (the calling thread included) and returns when all items are done. Items are claimed dynamically, so
    /// which thread runs which item varies; items must therefore write disjoint outputs. If the pool is already
    /// busy (a concurrent or nested call), the items run serially on the calling thread.
    /// The first exception thrown by an item is rethrown here after all items have finished.
    /// </summary>
    public static void Run(ParallelWork work, int count, int maxThreads) => Run(work, count, maxThreads, shortJob: false);

    /// <summary>
    /// As <see cref="Run(ParallelWork, int, int)"/>, for a job of a few microseconds: workers still spinning from
    /// recent jobs help, but sleeping ones are woken only when jobs are arriving back to back (the previous one
    /// ended within the workers' spin window), since a wake-up costs more than the job itself.
    /// </summary>
    public static void RunShort(ParallelWork work, int count, int maxThreads) => Run(work, count, maxThreads, shortJob: true);

    /// <summary>Same as <see cref="Run(ParallelWork, int, int)"/> with <see cref="KernelThreads.Count"/> threads.</summary>
    public static void Run(ParallelWork work, int count) => Run(work, count, KernelThreads.Count);

    private static void Run(ParallelWork work, int count, int maxThreads, bool shortJob)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (count <= 0) return;
        int helpers = Math.Min(maxThreads, count) - 1;
        if (helpers <= 0 || !WorkerPool.Shared.TryRun(work, count, helpers, shortJob))
            for (int i = 0; i < count; i++) work.Execute(i);
    }
}
