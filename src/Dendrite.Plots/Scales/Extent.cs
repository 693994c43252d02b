namespace Dendrite.Plots.Scales;

/// <summary>Min and max over finite values only: NaN and ±∞ points are gaps, not data.</summary>
internal static class Extent
{
    /// <summary>(min, max) of the finite values, or (NaN, NaN) when there are none.</summary>
    public static (double Min, double Max) Of(IEnumerable<IReadOnlyList<double>> series)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var s in series)
        {
            foreach (double v in s)
            {
                if (!double.IsFinite(v)) continue;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        return min <= max ? (min, max) : (double.NaN, double.NaN);
    }
}
