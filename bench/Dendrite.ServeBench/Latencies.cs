using System.Diagnostics;
using System.Globalization;

namespace Dendrite.ServeBench;

/// <summary>Per-call times in Stopwatch ticks, summarized as percentiles in microseconds or milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public void AddRange(Latencies other) => _ticks.AddRange(other._ticks);

    /// <summary>The q-quantile (0..1) in microseconds, nearest rank.</summary>
    public double Microseconds(double q)
    {
        if (_ticks.Count == 0) return double.NaN;
        _ticks.Sort();
        int rank = Math.Clamp((int)Math.Ceiling(q * _ticks.Count) - 1, 0, _ticks.Count - 1);
        return _ticks[rank] * 1e6 / Stopwatch.Frequency;
    }

    public static string Format(double microseconds) => microseconds >= 1000
        ? (microseconds / 1000).ToString("F2", CultureInfo.InvariantCulture) + " ms"
        : microseconds.ToString("F1", CultureInfo.InvariantCulture) + " µs";
}
