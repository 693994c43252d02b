namespace Dendrite.Training.Checkpoints;

/// <summary>
/// An optimizer's state in a form any checkpoint can hold: named float arrays (momentum buffers, Adam moments; in
/// the safetensors file as tensors "optim.&lt;name&gt;") and named scalars as strings (step counts; in the metadata).
/// Plain SGD has none.
/// </summary>
public sealed record OptimizerState(IReadOnlyDictionary<string, float[]> Tensors, IReadOnlyDictionary<string, string> Scalars)
{
    /// <summary>No state (plain SGD).</summary>
    public static OptimizerState Empty { get; } = new(new Dictionary<string, float[]>(), new Dictionary<string, string>());

    /// <summary>True when there are neither tensors nor scalars.</summary>
    public bool IsEmpty => Tensors.Count == 0 && Scalars.Count == 0;
}
