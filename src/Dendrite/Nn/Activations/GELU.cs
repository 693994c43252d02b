using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GELU: x·Φ(x) exactly, or its tanh approximation (see <see cref="F.Gelu"/>). Elementwise; any shape in, same
/// shape out.
/// </summary>
/// <param name="approximation">Exact (the default, as PyTorch) or the tanh form.</param>
public sealed class GELU(GeluApproximation approximation = GeluApproximation.None) : Module
{
    /// <summary>
    /// The exact erf form (<see cref="GeluApproximation.None"/>, the default) or the tanh approximation.
    /// </summary>
    public GeluApproximation Approximation { get; } = approximation;

    /// <summary>y = x·Φ(x) elementwise, or its tanh approximation (<see cref="F.Gelu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Gelu(input, Approximation);

    /// <summary>PyTorch's text: "GELU(approximate='none')" or "GELU(approximate='tanh')".</summary>
    public override string ToString() => $"GELU(approximate='{(Approximation == GeluApproximation.None ? "none" : "tanh")}')";
}
