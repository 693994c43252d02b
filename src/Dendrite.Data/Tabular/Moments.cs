namespace Dendrite.Data.Tabular;

/// <summary>
/// Mean and population standard deviation (divide by n) of the present (non-NaN) values, finite for any finite
/// values: the plain two-pass sums are used when they stay finite (so ordinary data gets exactly the statistics it
/// always got), and a scaled computation when they overflow. The passes are <see cref="MomentsAccumulator"/>'s, which
/// a file streamed in chunks feeds the same way.
/// </summary>
internal static class Moments
{
    /// <summary>The statistics of <c>values[r]</c> for r in <paramref name="rows"/>, NaN meaning missing; Count 0 when none is present.</summary>
    public static (double Mean, double Std, int Count) Of(double[] values, ReadOnlySpan<int> rows)
    {
        var accumulator = new MomentsAccumulator();
        do
        {
            foreach (int r in rows) accumulator.Add(values[r]);
        }
        while (accumulator.EndPass());
        return accumulator.Result();
    }

    /// <summary>The statistics of every value of <paramref name="values"/>.</summary>
    public static (double Mean, double Std, int Count) Of(double[] values)
    {
        var accumulator = new MomentsAccumulator();
        do
        {
            foreach (double v in values) accumulator.Add(v);
        }
        while (accumulator.EndPass());
        return accumulator.Result();
    }
}
