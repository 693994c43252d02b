namespace Dendrite.Data.Tabular;

/// <summary>
/// Mean and population standard deviation (divide by n) of the present (non-NaN) values, finite for any finite
/// values: the plain two-pass sums are used when they stay finite (so ordinary data gets exactly the statistics it
/// always got), and a scaled computation when they overflow. The passes are <see cref="MomentsAccumulator"/>'s, which
/// a file streamed in chunks feeds the same way.
/// </summary>
internal static class Moments
{
    /// <summary>The statistics of a numeric column's values at <paramref name="rows"/> (<see cref="TabularColumn.NumberAt"/>).</summary>
    public static (double Mean, double Std, int Count) Of(TabularColumn column, ReadOnlySpan<int> rows)
    {
        var accumulator = new MomentsAccumulator();
        do
        {
            foreach (int r in rows) accumulator.Add(column.NumberAt(r));
        }
        while (accumulator.EndPass());
        return accumulator.Result();
    }
}
