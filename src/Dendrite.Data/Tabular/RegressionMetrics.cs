namespace Dendrite.Data.Tabular;

/// <summary>
/// Regression quality of predictions ŷ against targets y (same length n &gt; 0), accumulated in double precision.
/// </summary>
public static class RegressionMetrics
{
    /// <summary>Root mean squared error: sqrt(Σ (ŷᵢ − yᵢ)² / n).</summary>
    public static double Rmse(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        Check(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = (double)predictions[i] - targets[i];
            sum += d * d;
        }
        return Math.Sqrt(sum / predictions.Length);
    }

    /// <summary>Mean absolute error: Σ |ŷᵢ − yᵢ| / n.</summary>
    public static double Mae(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        Check(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++) sum += Math.Abs((double)predictions[i] - targets[i]);
        return sum / predictions.Length;
    }

    /// <summary>
    /// Coefficient of determination R² = 1 − Σ (yᵢ − ŷᵢ)² / Σ (yᵢ − ȳ)². 1 is perfect, 0 is no better than predicting
    /// the mean, negative is worse. For constant targets (denominator 0) it is 1 when the predictions are exact and 0
    /// otherwise (scikit-learn's convention), rather than a division by zero.
    /// </summary>
    public static double RSquared(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        Check(predictions, targets);
        double mean = 0;
        foreach (float y in targets) mean += y;
        mean /= targets.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = (double)targets[i] - predictions[i];
            double t = targets[i] - mean;
            residual += d * d;
            total += t * t;
        }
        if (total == 0) return residual == 0 ? 1 : 0;
        return 1 - residual / total;
    }

    /// <summary>
    /// Log-RMSE, the Kaggle house-price score: sqrt(Σ (log max(ŷᵢ, 1) − log yᵢ)² / n). Predictions are clamped to 1
    /// so a wild negative prediction cannot make the logarithm undefined; it judges relative errors, so a 10% miss on a
    /// cheap house counts as much as on an expensive one.
    /// </summary>
    /// <exception cref="DendriteException">A target is not positive.</exception>
    public static double LogRmse(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        Check(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (!(targets[i] > 0)) throw new DendriteException($"log-RMSE needs positive targets; target {i} is {targets[i]}");
            double d = Math.Log(Math.Max((double)predictions[i], 1.0)) - Math.Log(targets[i]);
            sum += d * d;
        }
        return Math.Sqrt(sum / predictions.Length);
    }

    private static void Check(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets");
        if (predictions.IsEmpty) throw new ArgumentException("no predictions to score");
    }
}
