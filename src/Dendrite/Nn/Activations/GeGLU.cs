using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GeGLU (Shazeer 2020): GELU(a) ⊙ b for the halves a, b of the last dimension (see <see cref="F.GeGlu"/> and
/// <see cref="GatedActivation"/> for shapes). GELU exact by default, or its tanh approximation.
/// </summary>
/// <param name="approximation">The GELU applied to the first half: exact (the default) or the tanh form.</param>
public sealed class GeGLU(GeluApproximation approximation = GeluApproximation.None) : GatedActivation("geglu")
{
    /// <summary>The GELU applied to the first half: exact (the default) or the tanh approximation.</summary>
    public GeluApproximation Approximation { get; } = approximation;

    /// <summary>
    /// x [.., 2h] → GELU(a) ⊙ b [.., h], with a, b the first and second halves of the last dimension.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The last dimension is odd, or the input is 0-d.</exception>
    public override Tensor Forward(Tensor input) => F.GeGlu(input, Approximation);

    /// <summary>"GeGLU(approximate='none')" or "GeGLU(approximate='tanh')".</summary>
    public override string ToString() => $"GeGLU(approximate='{(Approximation == GeluApproximation.None ? "none" : "tanh")}')";
}
