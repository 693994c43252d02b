using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>A parameter and its dotted path inside a model, e.g. "1.weight" (child 1 of a Sequential).</summary>
/// <param name="Name">Dotted path, e.g. "1.weight"; a state-dict key.</param>
/// <param name="Parameter">The module's live parameter (not a copy).</param>
public readonly record struct NamedParameter(string Name, Parameter Parameter);
