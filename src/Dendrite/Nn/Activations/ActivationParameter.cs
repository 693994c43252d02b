namespace Dendrite.Nn;

/// <summary>
/// A numeric parameter of an activation, named as PyTorch's constructor argument ("negative_slope", "alpha",
/// "beta", "min_val"), with the default that PyTorch uses.
/// </summary>
/// <param name="Name">The keyword name.</param>
/// <param name="Default">The value the module takes when none is given.</param>
public sealed record ActivationParameter(string Name, float Default);
