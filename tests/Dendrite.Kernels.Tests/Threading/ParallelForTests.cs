using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Tests.Threading;

[Collection(nameof(ThreadPoolUsers))]
public class ParallelForTests
{
    /// <summary>Counts each item's runs and records which managed thread ran it and what KernelThreads.Count read there.</summary>
    private sealed class CountingWork(int count, int spin = 2000) : ParallelWork
    {
        public readonly int[] Hits = new int[count];
        public readonly int[] ThreadOf = new int[count];
        public readonly int[] CountInside = new int[count];
        public readonly HashSet<int> ThreadIds = [];
        public ParallelWork? Nested;

        public override void Execute(int index)
        {
            Interlocked.Increment(ref Hits[index]);
            ThreadOf[index] = Environment.CurrentManagedThreadId;
            CountInside[index] = KernelThreads.Count;
            lock (ThreadIds) ThreadIds.Add(Environment.CurrentManagedThreadId);
            if (Nested is not null) ParallelFor.Run(Nested, 5, 4);
            if (spin > 0) Thread.SpinWait(spin); // long enough (by default) that a spinning worker gets to claim items
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
    public void RunDealt_ExecutesEveryIndexExactlyOnce_ForAnyCountAndThreadBudget()
    {
        for (int job = 0; job < 150; job++)
        {
            int count = 1 + (job % (ParallelFor.MaxDealtItems + 4)); // past the limit, it runs as a plain job
            var work = new CountingWork(count, spin: job % 3 == 0 ? 0 : 500);
            ParallelFor.RunDealt(work, count, 1 + (job % 4));
            Assert.All(work.Hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void RunDealt_RunsTheCallersItemsOnTheCaller_AndEachWorkersItemsOnOneWorker()
    {
        int caller = Environment.CurrentManagedThreadId;
        var workers = new HashSet<int>();
        for (int job = 0; job < 60; job++)
        {
            var work = new CountingWork(5, spin: 20_000);
            ParallelFor.RunDealt(work, 5, 2);
            // With two threads the caller's items are 0, 2, 4: it runs them before anything else, and no worker takes them.
            Assert.Equal(caller, work.ThreadOf[0]);
            Assert.Equal(caller, work.ThreadOf[2]);
            Assert.Equal(caller, work.ThreadOf[4]);
            foreach (int item in (int[])[1, 3])
                if (work.ThreadOf[item] != caller) workers.Add(work.ThreadOf[item]);
        }
        Assert.Single(workers); // the same worker whenever it was on time; otherwise the caller ran the item
    }

    [Fact]
    public void RunDealt_CallerRunsAnItemWhoseWorkerIsLate()
    {
        ParallelFor.Run(new CountingWork(2), 2, 2); // the worker exists
        int caller = Environment.CurrentManagedThreadId;
        bool callerTookIt = false;
        for (int attempt = 0; attempt < 20 && !callerTookIt; attempt++)
        {
            Thread.Sleep(30); // the worker is asleep now and takes tens of microseconds to wake
            var work = new CountingWork(2, spin: 0);
            ParallelFor.RunDealt(work, 2, 2);
            Assert.All(work.Hits, h => Assert.Equal(1, h));
            callerTookIt = work.ThreadOf[1] == caller;
        }
        Assert.True(callerTookIt, "the caller never ran the late worker's item");
    }

    [Fact]
    public void RunDealt_RethrowsItemException_AfterAllItemsFinish()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ParallelFor.RunDealt(new ThrowingWork(), 8, 2));
        Assert.Equal("item 3", e.Message);
        var work = new CountingWork(4);
        ParallelFor.RunDealt(work, 4, 2);
        Assert.All(work.Hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void KernelThreads_ReadsOne_InsideAnItem_AndTheSettingOutside()
    {
        int saved = KernelThreads.Count;
        try
        {
            KernelThreads.Count = 2;
            var plain = new CountingWork(6);
            ParallelFor.Run(plain, 6, 2);
            var dealt = new CountingWork(2);
            ParallelFor.RunDealt(dealt, 2, 2);
            Assert.All(plain.CountInside, c => Assert.Equal(1, c));
            Assert.All(dealt.CountInside, c => Assert.Equal(1, c));
            Assert.Equal(2, KernelThreads.Count);
        }
        finally
        {
            KernelThreads.Count = saved;
        }
    }

    [Fact]
    public void KernelThreads_RejectsCountsOutsideRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = KernelThreads.MaxCount + 1);
    }
}
