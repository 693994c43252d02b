namespace Dendrite.Training.Runs;

/// <summary>
/// Which number decides best.safetensors. There is no validation split yet, so it is the test accuracy; when a
/// validation split arrives, this is the one place to switch to validation accuracy (config.json records the
/// choice via <see cref="Name"/>).
/// </summary>
public static class SelectionMetric
{
    /// <summary>The metric's name as written to config.json and metrics.csv.</summary>
    public const string Name = "test_acc";

    /// <summary>Why the metric is what it is, for config.json.</summary>
    public const string Note = "best.safetensors is chosen by test accuracy until a validation split exists";

    /// <summary>The value to maximize for an epoch; NaN (a diverged model) never counts as an improvement.</summary>
    public static double Of(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.TestAccuracy;
    }

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="best"/> (the first finite value always does).</summary>
    public static bool Improves(double candidate, double best) =>
        !double.IsNaN(candidate) && (double.IsNaN(best) || candidate > best);
}
