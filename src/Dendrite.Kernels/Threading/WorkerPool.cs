using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Dendrite.Kernels.Threading;

/// <summary>
/// Persistent worker threads that spin briefly for the next job, then block. One job at a time.
/// Items are claimed by compare-and-swap on a single 64-bit word holding (job id, item count, next index): a
/// worker that wakes late for an old job can never claim an item of a newer job, because the word no longer
/// matches, and it never reads a count belonging to another job.
/// </summary>
internal sealed class WorkerPool
{
    public static readonly WorkerPool Shared = new();

    /// <summary>Largest item count one job can hold (15 bits of the claim word).</summary>
    public const int MaxItems = 0x7FFF;

    /// <summary>Largest item count of a dealt job: the low 16 bits of the claim word are then one claimed-flag per item.</summary>
    public const int MaxDealtItems = 16;

    /// <summary>Claim-word bit marking a dealt job (items by thread number, see <see cref="TryRun"/>).</summary>
    private const long DealtBit = 1L << 31;

    // Spinning keeps back-to-back kernel calls (a training step) at microsecond dispatch cost; blocking
    // afterwards stops idle workers from burning a core.
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    /// <summary>Polls of <see cref="WaitForItems"/> before it backs off: about 20–40 µs.</summary>
    private const int TightPolls = 512;

    private readonly object _gate = new();
    private readonly List<Thread> _workers = [];
    private int _busy;
    private int _jobId;
    private long _claim;
    private int _pending;
    private int _sleepers;
    private int _helpers;
    private ParallelWork? _work;
    private Exception? _error;
    private long _jobsRun;
    private long _wakes;
    private long _lastJobEnd;

    /// <summary>Number of jobs that actually ran on the pool (tests use it to prove the parallel path ran).</summary>
    public long JobsRun => Interlocked.Read(ref _jobsRun);

    /// <summary>Number of times a job woke sleeping workers (tests use it to see when a short job does not).</summary>
    public long Wakes => Interlocked.Read(ref _wakes);

    /// <summary>
    /// Whether the previous job ended within a spin window: then calls are coming in a burst and a woken worker
    /// will help with the ones that follow. A lone short job does not wake anyone: waking a sleeping worker costs
    /// more than such a job (measured: a batch-1 prediction 1 ms after the last one took 28.5 µs with the wake-up
    /// and 17.7 µs on one thread), and the caller runs every item no worker claims.
    /// </summary>
    private bool JobsAreBackToBack() => Stopwatch.GetTimestamp() - Volatile.Read(ref _lastJobEnd) < SpinTicks;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRun(ParallelWork work, int count, int helpers, bool shortJob = false, bool dealt = false)
    {
        if (count > (dealt ? MaxDealtItems : MaxItems) || Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            EnsureWorkers(helpers);
            _work = work;
            _error = null;
            _helpers = helpers;
            Volatile.Write(ref _pending, count);
            int job = unchecked(_jobId + 1);
            _jobId = job;
            // Full fence: publishes the fields above before any worker can claim, and orders this write
            // before the read of _sleepers (pairs with the Interlocked.Increment in WaitForJob).
            Interlocked.Exchange(ref _claim, ((long)job << 32) | ((long)count << 16) | (dealt ? DealtBit : 0));
            if (Volatile.Read(ref _sleepers) > 0 && (!shortJob || JobsAreBackToBack()))
            {
                Interlocked.Increment(ref _wakes);
                lock (_gate) Monitor.PulseAll(_gate);
            }

            RunItems(job, 0);
            WaitForItems();

            _work = null;
            _lastJobEnd = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _jobsRun);
            if (_error is { } e) ExceptionDispatchInfo.Capture(e).Throw();
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void EnsureWorkers(int helpers)
    {
        while (_workers.Count < helpers)
        {
            var t = new Thread(WorkerLoop) { IsBackground = true, Name = $"Dendrite.Kernels worker {_workers.Count + 1}" };
            _workers.Add(t);
            t.Start((_workers.Count, _jobId));
        }
    }

    private void WorkerLoop(object? start)
    {
        (int id, int seen) = ((int, int))start!;
        while (true)
        {
            seen = WaitForJob(seen);
            // Workers beyond the job's thread budget (left over from a call that asked for more) sit it out.
            // Reading a stale _helpers only changes who helps, never correctness: claims are CAS-guarded.
            if (id <= Volatile.Read(ref _helpers)) RunItems(seen, id);
        }
    }

    /// <summary>
    /// The caller's wait for items still running on workers: polled every ~40 ns at first, since SpinWait's
    /// growing back-off overshoots a microsecond-long item by hundreds of nanoseconds; then it backs off (yielding,
    /// never sleeping) for items that run long or whose worker lost its core.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WaitForItems()
    {
        for (int i = 0; i < TightPolls; i++)
        {
            if (Volatile.Read(ref _pending) == 0) return;
            Thread.SpinWait(1);
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WaitForJob(int seen)
    {
        long until = Stopwatch.GetTimestamp() + SpinTicks;
        while (true)
        {
            int job = (int)(Volatile.Read(ref _claim) >> 32);
            if (job != seen) return job;
            if (Stopwatch.GetTimestamp() > until) break;
            Thread.SpinWait(1); // ~40 ns here; SpinWait(16) measured ~650 ns, the whole budget of a batch-1 GEMV half
        }
        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers);
            int job;
            while ((job = (int)(Volatile.Read(ref _claim) >> 32)) == seen) Monitor.Wait(_gate);
            Interlocked.Decrement(ref _sleepers);
            return job;
        }
    }

    /// <summary>
    /// Runs items of job <paramref name="job"/> on thread <paramref name="self"/> (0: the caller). A plain job's items
    /// go to whoever claims next. A dealt job's item i is thread i's (i mod the thread count): each thread runs its
    /// own; the caller then runs any still unclaimed, so a worker that lost its core delays the job only by its items.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunItems(int job, int self)
    {
        long first = Volatile.Read(ref _claim);
        if ((int)(first >> 32) != job) return;
        if ((first & DealtBit) == 0)
        {
            while (TryClaimNext(job, out int index)) Execute(index);
            return;
        }
        int threads = Volatile.Read(ref _helpers) + 1;
        RunDealt(job, self, threads);
        if (self == 0) RunDealt(job, 0, 1);
    }

    /// <summary>Runs the unclaimed items first, first + step, … of a dealt job.</summary>
    private void RunDealt(int job, int first, int step)
    {
        for (int index = first; ; index += step)
        {
            bool claimed = TryClaimDealt(job, index, out bool past);
            if (past) return;
            if (claimed) Execute(index);
        }
    }

    /// <summary>Claims the next item of a plain job; false when the job is over or all its items are claimed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryClaimNext(int job, out int index)
    {
        while (true)
        {
            long s = Volatile.Read(ref _claim);
            index = (int)(s & 0xFFFF);
            if ((int)(s >> 32) != job || index >= (int)((s >> 16) & MaxItems)) return false;
            if (Interlocked.CompareExchange(ref _claim, s + 1, s) == s) return true;
        }
    }

    /// <summary>
    /// Claims item <paramref name="index"/> of a dealt job. False when someone else holds it (past = false: go on
    /// to the next), or when the job is over or index is beyond its items (past = true: stop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryClaimDealt(int job, int index, out bool past)
    {
        while (true)
        {
            long s = Volatile.Read(ref _claim);
            past = (int)(s >> 32) != job || index >= (int)((s >> 16) & MaxItems);
            long bit = 1L << index;
            if (past || (s & bit) != 0) return false;
            if (Interlocked.CompareExchange(ref _claim, s | bit, s) == s) return true;
        }
    }

    /// <summary>Runs a claimed item; the claim keeps _pending above zero, so _work is still this job's work.</summary>
    private void Execute(int index)
    {
        KernelThreads.EnterItem();
        try
        {
            _work!.Execute(index);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
        }
        finally
        {
            KernelThreads.ExitItem();
        }
        Interlocked.Decrement(ref _pending);
    }
}
