namespace Dendrite.Optim;

/// <summary>
/// A detached copy of an optimizer's state, in the flat naming of PyTorch's state_dict so that a checkpoint writer
/// can store each entry as a tensor: buffers are keyed "{parameterIndex}.{name}" (e.g. "0.exp_avg"), scalars are
/// "lr" and "{parameterIndex}.step". Only used at the export/import edge; optimizers keep typed state internally.
/// </summary>
/// <param name="Buffers">Per-parameter float buffers, each as long as its parameter.</param>
/// <param name="Scalars">Learning rate and step counts (a double holds every count below 2^53 exactly).</param>
public sealed record OptimizerState(IReadOnlyDictionary<string, float[]> Buffers, IReadOnlyDictionary<string, double> Scalars);
