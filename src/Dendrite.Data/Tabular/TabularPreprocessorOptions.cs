namespace Dendrite.Data.Tabular;

/// <summary>Choices for <see cref="TabularPreprocessor.Fit(TabularFrame, ReadOnlySpan{int}, TabularPreprocessorOptions?)"/>.</summary>
public sealed record TabularPreprocessorOptions
{
    /// <summary>
    /// Add a 0/1 "&lt;name&gt;_missing" feature after each numeric column that had missing values in the training
    /// rows, so the model can tell a mean-filled value from a real one.
    /// </summary>
    public bool MissingIndicators { get; init; }

    /// <summary>
    /// Drop columns that are constant on the training rows (listed in <see cref="TabularPreprocessor.DroppedColumns"/>)
    /// instead of failing. A constant column carries no information and cannot be standardized (std 0).
    /// </summary>
    public bool DropConstantColumns { get; init; }

    /// <summary>
    /// Standardize a regression target, (y − mean) / std over the training rows. On by default: on raw house prices
    /// (~10^5) squared-error gradients are ~10^10 times those of a unit-scale target, so no ordinary learning rate
    /// works; on the standardized target the same learning rates work for any data set, and predictions are mapped
    /// back with the stored mean and std.
    /// </summary>
    public bool StandardizeTarget { get; init; } = true;

    /// <summary>
    /// Model log(y) instead of y for a regression target (before standardizing); every training target must be
    /// positive. Suits prices, whose errors are judged relatively (log-RMSE).
    /// </summary>
    public bool LogTarget { get; init; }
}
