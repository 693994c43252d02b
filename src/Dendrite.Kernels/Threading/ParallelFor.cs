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
    public static void Run(ParallelWork work, int count, int maxThreads) => Run(work, count, maxThreads, shortJob: false, dealt: false);

    /// <summary>
    /// As <see cref="Run(ParallelWork, int, int)"/>, with item i dealt to thread i (the caller is thread 0, the
    /// workers 1, 2, …; i mod the thread count when there are more items): job after job, the same item runs on the
    /// same thread whenever that thread is free, so data an item writes stays in that core's cache for the next job
    /// that reuses it. The caller runs whatever a worker has not claimed by the time the caller's own items are done.
    /// At most <see cref="MaxDealtItems"/> items; a larger count runs as a plain job.
    /// </summary>
    public static void RunDealt(ParallelWork work, int count, int maxThreads) =>
        Run(work, count, maxThreads, shortJob: false, dealt: count <= MaxDealtItems);

    /// <summary>Most items a <see cref="RunDealt"/> job can deal.</summary>
    public const int MaxDealtItems = WorkerPool.MaxDealtItems;

    /// <summary>
    /// As <see cref="Run(ParallelWork, int, int)"/>, for a job of a few microseconds: workers still spinning from
    /// recent jobs help, but sleeping ones are woken only when jobs are arriving back to back (the previous one
    /// ended within the workers' spin window), since a wake-up costs more than the job itself.
    /// </summary>
    public static void RunShort(ParallelWork work, int count, int maxThreads) => Run(work, count, maxThreads, shortJob: true, dealt: false);

    /// <summary>Same as <see cref="Run(ParallelWork, int, int)"/> with <see cref="KernelThreads.Count"/> threads.</summary>
    public static void Run(ParallelWork work, int count) => Run(work, count, KernelThreads.Count);

    private static void Run(ParallelWork work, int count, int maxThreads, bool shortJob, bool dealt)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (count <= 0) return;
        int helpers = Math.Min(maxThreads, count) - 1;
        if (helpers <= 0)
        {
            for (int i = 0; i < count; i++) work.Execute(i);
            return;
        }
        if (WorkerPool.Shared.TryRun(work, count, helpers, shortJob, dealt)) return;
        // The pool is busy (a nested or concurrent job): the items run here, one after another, as the pool's own do.
        KernelThreads.EnterItem();
        try
        {
            for (int i = 0; i < count; i++) work.Execute(i);
        }
        finally
        {
            KernelThreads.ExitItem();
        }
    }
}
