namespace Dendrite.Data.Tabular;

/// <summary>
/// Mean and population standard deviation (divide by n) of the present (non-NaN) values, finite for any finite
/// values: the plain two-pass sums are used when they stay finite (so ordinary data gets exactly the statistics it
/// always got), and a scaled computation when they overflow.
/// </summary>
internal static class Moments
{
    /// <summary>The statistics of <c>values[r]</c> for r in <paramref name="rows"/>, NaN meaning missing; Count 0 when none is present.</summary>
    public static (double Mean, double Std, int Count) Of(double[] values, ReadOnlySpan<int> rows)
    {
        double sum = 0;
        int count = 0;
        foreach (int r in rows)
        {
            if (double.IsNaN(values[r])) continue;
            sum += values[r];
            count++;
        }
        if (count == 0) return (double.NaN, double.NaN, 0);
        double mean = sum / count;
        double squares = 0;
        foreach (int r in rows)
        {
            if (double.IsNaN(values[r])) continue;
            double d = values[r] - mean;
            squares += d * d;
        }
        double std = Math.Sqrt(squares / count);
        if (double.IsFinite(mean) && double.IsFinite(std)) return (mean, std, count);
        return Scaled(values, rows, count);
    }

    /// <summary>The statistics of every value of <paramref name="values"/>.</summary>
    public static (double Mean, double Std, int Count) Of(double[] values)
    {
        var rows = new int[values.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        return Of(values, rows);
    }

    /// <summary>
    /// The sums overflow once values pass about 1.3e154 (squares) or their total passes 1.8e308. Divided by the largest
    /// magnitude s, every value lies in [-1, 1], so the scaled mean does too and the scaled std is at most 1; scaled
    /// back by s, both are finite.
    /// </summary>
    private static (double Mean, double Std, int Count) Scaled(double[] values, ReadOnlySpan<int> rows, int count)
    {
        double scale = 0;
        foreach (int r in rows)
            if (!double.IsNaN(values[r])) scale = Math.Max(scale, Math.Abs(values[r]));
        double sum = 0;
        foreach (int r in rows)
            if (!double.IsNaN(values[r])) sum += values[r] / scale;
        double mean = sum / count;
        double squares = 0;
        foreach (int r in rows)
        {
            if (double.IsNaN(values[r])) continue;
            double d = values[r] / scale - mean;
            squares += d * d;
        }
        return (mean * scale, Math.Sqrt(squares / count) * scale, count);
    }
}
