using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GELU: x·Φ(x) exactly, or its tanh approximation (see <see cref="F.Gelu"/>). Elementwise; any shape in, same
/// shape out.
/// </summary>
public sealed class GELU(GeluApproximation approximation = GeluApproximation.None) : Module
{
    public GeluApproximation Approximation { get; } = approximation;

    public override Tensor Forward(Tensor input) => F.Gelu(input, Approximation);

    public override string ToString() => $"GELU(approximate='{(Approximation == GeluApproximation.None ? "none" : "tanh")}')";
}
