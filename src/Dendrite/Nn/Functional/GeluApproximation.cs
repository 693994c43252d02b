namespace Dendrite.Nn.Functional;

/// <summary>Which GELU formula to use (PyTorch's approximate='none' | 'tanh').</summary>
public enum GeluApproximation
{
    /// <summary>Exact: x·Φ(x) = ½x(1 + erf(x/√2)).</summary>
    None,

    /// <summary>½x(1 + tanh(√(2/π)(x + 0.044715x³))): the form used by GPT-2 and BERT checkpoints.</summary>
    Tanh,
}
