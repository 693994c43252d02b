namespace Dendrite.Examples.Results;

/// <summary>What <see cref="LinearRegression"/> learned, next to the truth it was generated from.</summary>
/// <param name="TrueWeights">The w used to make the data.</param>
/// <param name="TrueBias">The b used to make the data.</param>
/// <param name="LearnedWeights">The w found by SGD.</param>
/// <param name="LearnedBias">The b found by SGD.</param>
/// <param name="EpochLosses">Mean squared loss (½(ŷ − y)²) over all samples after each epoch.</param>
public sealed record LinearRegressionResult(float[] TrueWeights, float TrueBias, float[] LearnedWeights, float LearnedBias,
    double[] EpochLosses)
{
    /// <summary>The largest |learned − true| over the weights and the bias.</summary>
    public double MaxAbsError =>
        Math.Max(TrueWeights.Zip(LearnedWeights, (t, l) => Math.Abs(t - l)).Max(), Math.Abs(TrueBias - LearnedBias));
}
