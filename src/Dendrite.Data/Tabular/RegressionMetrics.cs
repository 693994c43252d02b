namespace Dendrite.Data.Tabular;

/// <summary>
/// Regression quality of predictions ŷ against targets y (same length n &gt; 0) in one call each, through
/// <see cref="RegressionScores"/>.
/// </summary>
public static class RegressionMetrics
{
    /// <summary>The scores of every pair.</summary>
    public static RegressionScores Of(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets");
        if (predictions.IsEmpty) throw new ArgumentException("no predictions to score");
        var scores = new RegressionScores();
        for (int i = 0; i < predictions.Length; i++) scores.Add(predictions[i], targets[i]);
        return scores;
    }

    /// <summary>Root mean squared error (<see cref="RegressionScores.Rmse"/>).</summary>
    public static double Rmse(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) => Of(predictions, targets).Rmse;

    /// <summary>Mean absolute error (<see cref="RegressionScores.Mae"/>).</summary>
    public static double Mae(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) => Of(predictions, targets).Mae;

    /// <summary>Coefficient of determination (<see cref="RegressionScores.RSquared"/>).</summary>
    public static double RSquared(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) => Of(predictions, targets).RSquared;

    /// <summary>Log-RMSE (<see cref="RegressionScores.LogRmse"/>).</summary>
    /// <exception cref="DendriteException">A target is not positive.</exception>
    public static double LogRmse(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        RegressionScores scores = Of(predictions, targets);
        if (!scores.AllTargetsPositive)
        {
            int i = targets.IndexOfAnyInRange(float.NegativeInfinity, 0f);
            throw new DendriteException($"log-RMSE needs positive targets; target {i} is {targets[Math.Max(i, 0)]}");
        }
        return scores.LogRmse;
    }
}
