using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// A non-learnable state tensor (such as batch norm's running mean) and its dotted path inside a model,
/// e.g. "2.running_mean". The tensor is the module's live storage: writing into it changes the module.
/// </summary>
public readonly record struct NamedBuffer(string Name, Tensor Buffer);
