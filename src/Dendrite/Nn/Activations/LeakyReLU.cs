using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Leaky ReLU: x for x &gt; 0, s·x otherwise (see <see cref="F.LeakyRelu"/>). Elementwise; any shape in, same shape
/// out. No parameters (s is fixed; <see cref="PReLU"/> learns it).
/// </summary>
/// <param name="negativeSlope">s (PyTorch's default 0.01).</param>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>s, the slope for x ≤ 0.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    /// <summary>y = x for x &gt; 0, s·x otherwise, elementwise (<see cref="F.LeakyRelu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.LeakyRelu(input, NegativeSlope);

    /// <summary>PyTorch-like text, e.g. "LeakyReLU(negative_slope=0.01)".</summary>
    public override string ToString() => $"LeakyReLU(negative_slope={NegativeSlope})";
}
