using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// SwiGLU (Shazeer 2020): SiLU(a) ⊙ b for the halves a, b of the last dimension (see <see cref="F.SwiGlu"/> and
/// <see cref="GatedActivation"/> for shapes).
/// </summary>
public sealed class SwiGLU() : GatedActivation("swiglu")
{
    /// <summary>
    /// x [.., 2h] → SiLU(a) ⊙ b [.., h], with a, b the first and second halves of the last dimension.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The last dimension is odd, or the input is 0-d.</exception>
    public override Tensor Forward(Tensor input) => F.SwiGlu(input);

    /// <summary>"SwiGLU()".</summary>
    public override string ToString() => "SwiGLU()";
}
