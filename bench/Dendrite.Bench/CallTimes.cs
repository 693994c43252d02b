using System.Diagnostics;

namespace Dendrite.Bench;

/// <summary>Times of single calls, for tables that report a distribution (median, percentiles) rather than a best round.</summary>
internal static class CallTimes
{
    /// <summary>µs of each of <paramref name="calls"/> calls of <paramref name="action"/>, after <paramref name="warmup"/> untimed ones, sorted ascending.</summary>
    public static double[] Sorted(Action action, int warmup, int calls)
    {
        for (int i = 0; i < warmup; i++) action();
        var t = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            t[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(t);
        return t;
    }
}
