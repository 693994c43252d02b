using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>A parameter and its dotted path inside a model, e.g. "1.weight" (child 1 of a Sequential).</summary>
public readonly record struct NamedParameter(string Name, Parameter Parameter);
