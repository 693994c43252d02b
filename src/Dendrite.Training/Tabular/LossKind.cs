namespace Dendrite.Training.Tabular;

/// <summary>
/// The regression loss a <see cref="TabularTrainer"/> minimizes, on model-space (standardized) targets.
/// Classification always uses softmax cross-entropy.
/// </summary>
public enum LossKind
{
    /// <summary>Mean squared error, mean over the batch of (ŷ − y)².</summary>
    Mse,

    /// <summary>
    /// Huber with δ = 1 on the standardized target (one target standard deviation), mean over the batch:
    /// d²/2 for |d| &lt; 1, else |d| − 1/2 with d = ŷ − y. Quadratic near 0, linear for outliers, so a few wild
    /// targets pull the fit less than under MSE.
    /// </summary>
    Huber,
}
