namespace Dendrite.Onnx.Tests;

/// <summary>
/// How far two runtimes' outputs are apart. For rows of network outputs (logits, probabilities) the difference of each
/// element is taken relative to the largest magnitude in its row, so a logit that happens to be near 0 is judged
/// against the scale of its neighbours rather than against itself; for values in target units it is plain relative.
/// </summary>
internal static class Closeness
{
    /// <summary>The tolerance the exported graphs and imported models must meet.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>max over elements of |a − e| / max(|e|, max |e| of its row).</summary>
    public static double RowRelative(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, int width)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int start = 0; start < expected.Length; start += width)
        {
            double scale = 0;
            for (int j = 0; j < width; j++) scale = Math.Max(scale, Math.Abs(expected[start + j]));
            for (int j = 0; j < width; j++)
            {
                double e = expected[start + j], a = actual[start + j];
                Assert.False(double.IsNaN(a), $"NaN at element {start + j}");
                double d = Math.Abs(a - e) / Math.Max(Math.Max(Math.Abs(e), scale), 1e-30);
                worst = Math.Max(worst, d);
            }
        }
        return worst;
    }

    /// <summary>max over elements of |a − e| / |e| (target-unit values, which are not near 0 in the tests).</summary>
    public static double Relative(IReadOnlyList<double> actual, IReadOnlyList<double> expected)
    {
        Assert.Equal(expected.Count, actual.Count);
        double worst = 0;
        for (int i = 0; i < expected.Count; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1e-30));
        return worst;
    }
}
