namespace Dendrite.Training;

/// <summary>The hidden-layer nonlinearity of an MLP.</summary>
public enum ActivationKind
{
    Relu,
    Sigmoid,
    Tanh,
}
