namespace Dendrite.Init;

/// <summary>Which fan Kaiming initialization preserves: fan_in keeps forward activations' variance, fan_out the gradients'.</summary>
public enum FanMode
{
    /// <summary>
    /// Divide by fan_in (inputs per output unit): keeps the variance of the forward activations; PyTorch's default.
    /// </summary>
    FanIn,
    /// <summary>Divide by fan_out (outputs per input unit): keeps the variance of the backward gradients.</summary>
    FanOut,
}
