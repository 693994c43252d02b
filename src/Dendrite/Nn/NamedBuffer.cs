using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// A non-learnable state tensor (such as batch norm's running mean) and its dotted path inside a model,
/// e.g. "2.running_mean". The tensor is the module's live storage: writing into it changes the module.
/// </summary>
/// <param name="Name">Dotted path, e.g. "2.running_mean"; a state-dict key.</param>
/// <param name="Buffer">The module's live tensor (not a copy).</param>
public readonly record struct NamedBuffer(string Name, Tensor Buffer);
