using System.Diagnostics;

namespace Dendrite.Distributed;

/// <summary>
/// Ends the process when one collective waits longer than a deadline: a peer that hangs (or dies where the launcher
/// does not notice, as across hosts) would otherwise block every other rank forever. The launcher (mpiexec) then sees
/// a rank exit and ends the whole job. A background thread checks once per 100 ms; entering and leaving a collective
/// costs two field writes.
/// </summary>
internal sealed class CollectiveWatchdog : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly Action<string> _expire;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _since; // Stopwatch timestamp of the collective in progress, 0 when none
    private string _what = "";

    /// <param name="timeout">The longest one collective may wait.</param>
    /// <param name="expire">Called on the watchdog thread with a description of the stuck collective; must end the process.</param>
    public CollectiveWatchdog(TimeSpan timeout, Action<string> expire)
    {
        _timeout = timeout;
        _expire = expire;
        _thread = new Thread(Watch) { IsBackground = true, Name = "dendrite MPI watchdog" };
        _thread.Start();
    }

    /// <summary>Marks the start of a collective.</summary>
    public void Enter(string what)
    {
        _what = what;
        Volatile.Write(ref _since, Stopwatch.GetTimestamp());
    }

    /// <summary>Marks its end.</summary>
    public void Leave() => Volatile.Write(ref _since, 0);

    private void Watch()
    {
        while (!_stop.Token.WaitHandle.WaitOne(100))
        {
            long since = Volatile.Read(ref _since);
            if (since != 0 && Stopwatch.GetElapsedTime(since) > _timeout)
            {
                _expire(_what);
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
