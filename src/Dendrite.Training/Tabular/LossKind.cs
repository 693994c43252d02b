namespace Dendrite.Training.Tabular;

/// <summary>
/// The regression loss a <see cref="TabularTrainer"/> minimizes, on model-space (standardized) targets.
/// Classification always uses softmax cross-entropy. New kinds (Huber) are new members.
/// </summary>
public enum LossKind
{
    /// <summary>Mean squared error, mean over the batch of (ŷ − y)².</summary>
    Mse,
}
