namespace Dendrite.Init;

/// <summary>Which fan Kaiming initialization preserves: fan_in keeps forward activations' variance, fan_out the gradients'.</summary>
public enum FanMode
{
    FanIn,
    FanOut,
}
