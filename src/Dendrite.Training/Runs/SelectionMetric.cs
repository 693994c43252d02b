namespace Dendrite.Training.Runs;

/// <summary>
/// Which number decides best.safetensors: the validation accuracy when the run holds out a validation split, else
/// the test accuracy (the only held-out number there is). config.json records the choice via <see cref="Name"/>.
/// </summary>
public static class SelectionMetric
{
    /// <summary>The metric's name as written to config.json and metrics.csv: "val_acc" or "test_acc".</summary>
    public static string Name(bool validation) => validation ? "val_acc" : "test_acc";

    /// <summary>Why the metric is what it is, for config.json.</summary>
    public static string Note(bool validation) => validation
        ? "best.safetensors is chosen by validation accuracy (the held-out part of the training set); the test set never picks the model"
        : "best.safetensors is chosen by test accuracy because the run has no validation split (--val-split)";

    /// <summary>The value to maximize for an epoch; NaN (a diverged model) never counts as an improvement.</summary>
    public static double Of(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ValidationAccuracy ?? result.TestAccuracy;
    }

    /// <summary>True when <paramref name="candidate"/> beats <paramref name="best"/> (the first finite value always does).</summary>
    public static bool Improves(double candidate, double best) =>
        !double.IsNaN(candidate) && (double.IsNaN(best) || candidate > best);
}
