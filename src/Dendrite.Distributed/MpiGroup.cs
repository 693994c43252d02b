using System.Runtime.InteropServices;
using Dendrite.Training.Distributed;

namespace Dendrite.Distributed;

/// <summary>
/// The ranks of an MPI job (MPI_COMM_WORLD) as an <see cref="IDataParallelGroup"/>, through MPI.NET on MPICH. Start one
/// per process with <see cref="Start"/>, before anything else touches MPI, and dispose it at the end (MPI_Finalize).
/// Run the program with <c>mpiexec -n N</c>; started without a launcher it is a group of one.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> Sums are one MPI_Allreduce with MPI_SUM on a built-in type. MPICH picks the algorithm
/// (recursive doubling, or reduce-scatter plus allgather for long messages) from the message size and the rank count
/// only, so with the same N and the same model every run adds the same numbers in the same order: repeated runs are
/// bit-identical. Every rank receives the same bits: each element is either computed once and copied, or computed on
/// two ranks as a+b and b+a, which IEEE addition makes equal. The trainer's per-epoch hash check would catch an MPI
/// library for which this did not hold. Results differ from a run with another N by float rounding only.</para>
/// <para><b>Failure.</b> A rank that raises calls <see cref="Abort"/> (one line naming it, then MPI_Abort, which ends
/// every rank through the launcher); a rank that is killed ends the job through mpiexec, which notices the lost
/// process at once; a rank that hangs is found by the <see cref="CollectiveWatchdog"/>: a rank waiting longer than the
/// timeout in one collective says so in one line and exits, and the launcher ends the rest.</para>
/// <para>Not thread-safe: MPI is initialized with MPI_THREAD_SERIALIZED and the trainer calls it from one thread.</para>
/// </remarks>
public sealed partial class MpiGroup : IDataParallelGroup, IDisposable
{
    /// <summary>MPICH's and MS-MPI's MPI_IN_PLACE: (void*)-1.</summary>
    private static readonly nint InPlace = -1;

    /// <summary>How long a failing rank waits after its last line before ending the job, so mpiexec forwards the line.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromMilliseconds(500);

    private readonly MPI.Environment _environment;
    private readonly CollectiveWatchdog _watchdog;
    private readonly TextWriter _errors;
    private long _collectives;
    private bool _disposed;

    private MpiGroup(MPI.Environment environment, TimeSpan timeout, TextWriter errors)
    {
        _environment = environment;
        _errors = errors;
        int rank, size;
        Check(MPI.Unsafe.MPI_Comm_rank(MPI.Unsafe.MPI_COMM_WORLD, out rank), "MPI_Comm_rank");
        Check(MPI.Unsafe.MPI_Comm_size(MPI.Unsafe.MPI_COMM_WORLD, out size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
        Timeout = timeout;
        _watchdog = new CollectiveWatchdog(timeout, Expire);
    }

    /// <summary>
    /// Loads MPICH (<see cref="MpiLibrary.Load"/>), initializes MPI and starts the watchdog.
    /// </summary>
    /// <param name="timeout">The longest a rank waits in one collective before it declares the job stuck and exits.</param>
    /// <param name="errors">Where the one-line failure reports go (stderr).</param>
    /// <exception cref="DendriteException">MPI is not installed (the message says how to install it).</exception>
    public static MpiGroup Start(TimeSpan timeout, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the timeout must be positive");
        MpiLibrary.Load();
        string[] args = [];
        var environment = new MPI.Environment(ref args, MPI.Threading.Serialized);
        return new MpiGroup(environment, timeout, errors);
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>The longest one collective may wait.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The process ids of all ranks, in rank order (each rank learns them in one collective).</summary>
    public long[] ProcessIds()
    {
        var ids = new double[Size];
        ids[Rank] = Environment.ProcessId;
        Sum(ids);
        return [.. ids.Select(i => (long)i)];
    }

    /// <inheritdoc/>
    public unsafe void Sum(Span<float> values)
    {
        fixed (float* p = values)
            AllReduce((nint)p, values.Length, MPI.Unsafe.MPI_FLOAT, MPI.Unsafe.MPI_SUM, "sum of floats");
    }

    /// <inheritdoc/>
    public unsafe void Sum(Span<double> values)
    {
        fixed (double* p = values)
            AllReduce((nint)p, values.Length, MPI.Unsafe.MPI_DOUBLE, MPI.Unsafe.MPI_SUM, "sum of doubles");
    }

    /// <inheritdoc/>
    public unsafe bool AllEqual(ulong value)
    {
        // max(v) and max(~v) over the ranks are v and ~v on every rank exactly when all ranks hold v.
        ulong* both = stackalloc ulong[2] { value, ~value };
        AllReduce((nint)both, 2, MPI.Unsafe.MPI_UNSIGNED_LONG_LONG, MPI.Unsafe.MPI_MAX, "parameter hash check");
        return both[0] == value && both[1] == ~value;
    }

    /// <summary>Waits until every rank has called it.</summary>
    public void Barrier()
    {
        _watchdog.Enter("barrier");
        try
        {
            Check(MPI.Unsafe.MPI_Barrier(MPI.Unsafe.MPI_COMM_WORLD), "MPI_Barrier");
        }
        finally
        {
            _watchdog.Leave();
        }
    }

    /// <summary>
    /// Reports <paramref name="error"/> as this rank's failure in one line and ends the whole job (MPI_Abort with
    /// <paramref name="exitCode"/>); does not return.
    /// </summary>
    public void Abort(string error, int exitCode)
    {
        _errors.WriteLine($"dendrite: rank {Rank} of {Size} failed: {error}");
        _errors.Flush();
        // MPI_Abort makes mpiexec tear the job down at once, and the line, still in the pipe to mpiexec's proxy, was
        // seen to be lost; half a second lets it through.
        Thread.Sleep(OutputGrace);
        // MPI_Abort does not return; the exit is for an MPI that does (its error code has nowhere better to go).
        _ = MPI.Unsafe.MPI_Abort(MPI.Unsafe.MPI_COMM_WORLD, exitCode);
        Exit(exitCode);
    }

    private void AllReduce(nint buffer, int count, int type, int op, string what)
    {
        long n = ++_collectives;
        _watchdog.Enter(what + " #" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            Check(MPI.Unsafe.MPI_Allreduce(InPlace, buffer, count, type, op, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allreduce");
        }
        finally
        {
            _watchdog.Leave();
        }
    }

    /// <summary>On the watchdog thread: one line, then an immediate exit (no MPI call, no finalizers that might call MPI).</summary>
    private void Expire(string what)
    {
        _errors.WriteLine($"dendrite: rank {Rank} of {Size} waited more than {Timeout.TotalSeconds:0.#} s in {what}: another rank has stopped or hung; ending the job");
        _errors.Flush();
        Thread.Sleep(OutputGrace);
        Exit(3);
    }

    private static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"{call} failed with MPI error {code}");
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int code);

    /// <summary>Stops the watchdog and finalizes MPI.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _watchdog.Dispose();
        _environment.Dispose();
    }
}
