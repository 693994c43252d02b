namespace Dendrite.Training.Runs;

/// <summary>
/// Mean and sample standard deviation (divide by k − 1, the spread one expects of another fold) of one metric over
/// the folds; NaN when the metric does not apply. With one value the deviation is 0.
/// </summary>
public readonly record struct MetricSummary(double Mean, double Std)
{
    /// <summary>The mean and sample standard deviation of <paramref name="values"/> (NaN for none).</summary>
    public static MetricSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] v = values.ToArray();
        if (v.Length == 0) return new MetricSummary(double.NaN, double.NaN);
        double mean = v.Average();
        if (v.Length == 1) return new MetricSummary(mean, 0);
        double squares = v.Sum(x => (x - mean) * (x - mean));
        return new MetricSummary(mean, Math.Sqrt(squares / (v.Length - 1)));
    }
}
