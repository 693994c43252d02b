namespace Dendrite.Training.Runs;

/// <summary>
/// Which number decides best.safetensors: the objective's metric (accuracy, or RMSE) on the validation split when
/// the run holds one out, else on the test set (the only held-out number there is). config.json records the choice.
/// </summary>
public static class SelectionMetric
{
    /// <summary>The metric's name as written to config.json and metrics.csv, e.g. "val_acc" or "test_rmse".</summary>
    public static string Name(MetricGoal goal, bool validation)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return (validation ? "val_" : "test_") + goal.Name;
    }

    /// <summary>Why the metric is what it is, for config.json.</summary>
    public static string Note(bool validation) => validation
        ? "best.safetensors is chosen on the validation split (the held-out part of the training set); the test set never picks the model"
        : "best.safetensors is chosen on the test set because the run has no validation split";

    /// <summary>The value to compare for an epoch: the validation metric if there is one, else the test metric, else NaN.</summary>
    public static double Of(EpochResult result, MetricGoal goal)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(goal);
        return (result.Validation ?? result.Test)?.Get(goal.Name) ?? double.NaN;
    }
}
