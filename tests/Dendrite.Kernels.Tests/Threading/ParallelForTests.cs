using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Tests.Threading;

[Collection(nameof(ThreadPoolUsers))]
public class ParallelForTests
{
    private sealed class CountingWork(int count) : ParallelWork
    {
        public readonly int[] Hits = new int[count];
        public readonly HashSet<int> ThreadIds = [];
        public ParallelWork? Nested;

        public override void Execute(int index)
        {
            Interlocked.Increment(ref Hits[index]);
            lock (ThreadIds) ThreadIds.Add(Environment.CurrentManagedThreadId);
            if (Nested is not null) ParallelFor.Run(Nested, 5, 4);
            Thread.SpinWait(2000); // long enough that a spinning worker gets to claim items
        }
    }

    private sealed class ThrowingWork : ParallelWork
    {
        public override void Execute(int index)
        {
            if (index == 3) throw new InvalidOperationException("item 3");
        }
    }

    [Fact]
    public void Run_ExecutesEveryIndexExactlyOnce_AcrossManyJobs()
    {
        for (int job = 0; job < 200; job++)
        {
            int count = 1 + (job % 37);
            var work = new CountingWork(count);
            ParallelFor.Run(work, count, 3);
            Assert.All(work.Hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void Run_UsesMoreThanOneThread_ForEnoughItems()
    {
        long before = WorkerPoolProbe.JobsRun;
        bool sawTwo = false;
        for (int attempt = 0; attempt < 50 && !sawTwo; attempt++)
        {
            var work = new CountingWork(64);
            ParallelFor.Run(work, 64, 2);
            sawTwo = work.ThreadIds.Count > 1;
        }
        Assert.True(WorkerPoolProbe.JobsRun > before);
        Assert.True(sawTwo, "no worker ever took an item");
    }

    [Fact]
    public void Run_RethrowsItemException_AfterAllItemsFinish()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ParallelFor.Run(new ThrowingWork(), 8, 2));
        Assert.Equal("item 3", e.Message);
        var work = new CountingWork(10); // the pool is still usable afterwards
        ParallelFor.Run(work, 10, 2);
        Assert.All(work.Hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Run_NestedCall_RunsSeriallyInsteadOfDeadlocking()
    {
        var inner = new CountingWork(5);
        var outer = new CountingWork(4) { Nested = inner };
        ParallelFor.Run(outer, 4, 2);
        Assert.All(outer.Hits, h => Assert.Equal(1, h));
        Assert.All(inner.Hits, h => Assert.Equal(4, h));
    }

    [Fact]
    public void RunShort_LeavesSleepingWorkersAsleep_ForALoneJob_AndWakesThemForABurst()
    {
        ParallelFor.Run(new CountingWork(4), 4, 2); // the worker exists
        bool sawBurstWake = false;
        for (int attempt = 0; attempt < 20 && !sawBurstWake; attempt++)
        {
            Thread.Sleep(30); // well past the workers' 200 µs spin: they sleep, and the last job is long over
            long wakes = WorkerPoolProbe.Wakes;
            var lone = new CountingWork(2);
            ParallelFor.RunShort(lone, 2, 2);
            Assert.All(lone.Hits, h => Assert.Equal(1, h)); // the caller ran what no worker claimed
            Assert.Equal(wakes, WorkerPoolProbe.Wakes);
            // Right after it (unless this thread lost its core for the spin window; then try again):
            var next = new CountingWork(2);
            ParallelFor.RunShort(next, 2, 2);
            Assert.All(next.Hits, h => Assert.Equal(1, h));
            sawBurstWake = WorkerPoolProbe.Wakes > wakes;
        }
        Assert.True(sawBurstWake, "a short job right after another never woke the sleeping worker");
    }

    [Fact]
    public void Run_WakesSleepingWorkers_EvenForALoneJob()
    {
        ParallelFor.Run(new CountingWork(4), 4, 2);
        Thread.Sleep(30);
        long wakes = WorkerPoolProbe.Wakes;
        var work = new CountingWork(2);
        ParallelFor.Run(work, 2, 2);
        Assert.All(work.Hits, h => Assert.Equal(1, h));
        Assert.True(WorkerPoolProbe.Wakes > wakes);
    }

    [Fact]
    public void KernelThreads_RejectsCountsOutsideRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = KernelThreads.MaxCount + 1);
    }
}
