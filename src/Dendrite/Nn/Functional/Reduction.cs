namespace Dendrite.Nn.Functional;

/// <summary>How a per-sample loss is reduced.</summary>
public enum Reduction
{
    /// <summary>
    /// The average of the per-sample losses, a 0-d tensor (PyTorch's default). Class-weighted NLL and cross-entropy
    /// divide by the summed weights of the samples' labels instead of the count, as PyTorch does.
    /// </summary>
    Mean,
    /// <summary>The sum of the per-sample losses, a 0-d tensor.</summary>
    Sum,
    /// <summary>
    /// No reduction: one loss per sample ([batch] for classification, the input's shape for pointwise losses).
    /// </summary>
    None,
}
