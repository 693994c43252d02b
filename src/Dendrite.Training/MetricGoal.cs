namespace Dendrite.Training;

/// <summary>
/// The metric that decides which epoch is best (early stopping, best.safetensors) and which way is better:
/// accuracy, higher, for classification; RMSE, lower, for regression.
/// </summary>
/// <param name="Name">An <see cref="Evaluation"/> metric name ("acc", "rmse").</param>
/// <param name="HigherIsBetter">True when a larger value is an improvement.</param>
public sealed record MetricGoal(string Name, bool HigherIsBetter)
{
    /// <summary>Accuracy, higher is better.</summary>
    public static MetricGoal Accuracy { get; } = new("acc", true);

    /// <summary>RMSE, lower is better.</summary>
    public static MetricGoal Rmse { get; } = new("rmse", false);

    /// <summary>
    /// True when <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.
    /// NaN (a diverged model) never improves; the first finite value always does (<paramref name="best"/> NaN).
    /// </summary>
    public bool Improves(double candidate, double best, double minDelta = 0)
    {
        if (double.IsNaN(candidate)) return false;
        if (double.IsNaN(best)) return true;
        return HigherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
