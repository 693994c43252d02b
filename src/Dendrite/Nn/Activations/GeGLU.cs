using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GeGLU (Shazeer 2020): GELU(a) ⊙ b for the halves a, b of the last dimension (see <see cref="F.GeGlu"/> and
/// <see cref="GatedActivation"/> for shapes). GELU exact by default, or its tanh approximation.
/// </summary>
public sealed class GeGLU(GeluApproximation approximation = GeluApproximation.None) : GatedActivation("geglu")
{
    public GeluApproximation Approximation { get; } = approximation;

    public override Tensor Forward(Tensor input) => F.GeGlu(input, Approximation);

    public override string ToString() => $"GeGLU(approximate='{(Approximation == GeluApproximation.None ? "none" : "tanh")}')";
}
