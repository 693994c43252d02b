using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Leaky ReLU: x for x &gt; 0, s·x otherwise (see <see cref="F.LeakyRelu"/>). Elementwise; any shape in, same shape
/// out. No parameters (s is fixed; <see cref="PReLU"/> learns it).
/// </summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>s, the slope for x ≤ 0.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    public override Tensor Forward(Tensor input) => F.LeakyRelu(input, NegativeSlope);

    public override string ToString() => $"LeakyReLU(negative_slope={NegativeSlope})";
}
