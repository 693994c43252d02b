namespace Dendrite.Plots.Scales;

/// <summary>
/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, as in Heckbert's "Nice numbers for graph labels"
/// (Graphics Gems, 1990), choosing the smallest such step that yields at most <c>maxTicks</c> (≥ 3) ticks.
/// </summary>
public static class NiceTicks
{
    private static readonly int[] Mantissas = [1, 2, 5];

    /// <summary>
    /// Ticks covering [<paramref name="min"/>, <paramref name="max"/>]. With <paramref name="extend"/> the first and
    /// last tick lie at or outside the range (use for a value axis); otherwise all ticks lie inside it (use when the
    /// axis must end exactly at the data, e.g. epochs). A flat range (min == max) is widened around its value; a
    /// non-finite bound falls back to 0..1. With <paramref name="integerStep"/> the step is at least 1 (epochs).
    /// </summary>
    public static TickSet Compute(double min, double max, int maxTicks = 6, bool extend = true, bool integerStep = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (min > max) (min, max) = (max, min);
        if (min == max)
        {
            // Flat series: widen by 10 % of |value| (or ±1 for 0, or ±1 for integer axes) so the line sits mid-plot.
            double pad = min == 0 || integerStep ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        // Two ticks cannot bracket a range that straddles 0 with multiples of one step, so ask for at least 3.
        maxTicks = Math.Max(3, maxTicks);

        double range = max - min;
        int exponent = (int)Math.Floor(Math.Log10(range / maxTicks));
        for (int attempt = 0; attempt < 8; attempt++, exponent++)
        {
            foreach (int m in Mantissas)
            {
                if (integerStep && exponent < 0) continue;
                double step = m * Math.Pow(10, exponent);
                (long first, long last) = Indices(min, max, step, extend);
                long count = last - first + 1;
                if (count <= maxTicks && count >= (extend ? 2 : 1))
                    return new TickSet(Build(first, last, m, exponent), step, exponent);
            }
        }
        // Unreachable for finite input: a step ≥ range always yields ≤ 3 ticks. Kept as a safe fallback.
        return new TickSet([min, max], max - min, (int)Math.Floor(Math.Log10(max - min)));
    }

    // Tick indices in units of step. The 1e-9 tolerance keeps 0.3/0.1 = 2.9999999999999996 from adding a
    // tick beyond 0.3 (extend) or dropping the tick at 0.3 (inside).
    private static (long First, long Last) Indices(double min, double max, double step, bool extend)
    {
        const double Tol = 1e-9;
        double f = min / step, l = max / step;
        return extend
            ? ((long)Math.Floor(f + Tol), (long)Math.Ceiling(l - Tol))
            : ((long)Math.Ceiling(f - Tol), (long)Math.Floor(l + Tol));
    }

    // k·m / 10^−e (or k·m·10^e) with both factors exact gives the correctly rounded double for the decimal
    // tick value, so 0.1·3 prints as "0.3" and not 0.30000000000000004.
    private static double[] Build(long first, long last, int m, int exponent)
    {
        var values = new double[last - first + 1];
        for (long k = first; k <= last; k++)
        {
            double units = (double)(k * m);
            values[k - first] = exponent >= 0 ? units * Math.Pow(10, exponent) : units / Math.Pow(10, -exponent);
        }
        return values;
    }
}
