namespace Dendrite.Init;

/// <summary>The nonlinearity following a layer, which sets the initialization gain (<see cref="Initializers.CalculateGain"/>).</summary>
public enum Nonlinearity
{
    /// <summary>Identity / linear layer: gain 1.</summary>
    Linear,

    /// <summary>Gain 1.</summary>
    Sigmoid,

    /// <summary>Gain 5/3.</summary>
    Tanh,

    /// <summary>Gain √2.</summary>
    Relu,

    /// <summary>Gain √(2/(1 + a²)) for negative slope a.</summary>
    LeakyRelu,

    /// <summary>Gain 3/4 (PyTorch's choice for self-normalizing nets).</summary>
    Selu,
}
