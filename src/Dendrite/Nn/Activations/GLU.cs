using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GLU (Dauphin et al. 2017): a ⊙ σ(b) for the halves a, b of the last dimension (see <see cref="F.Glu"/> and
/// <see cref="GatedActivation"/> for shapes).
/// </summary>
public sealed class GLU() : GatedActivation("glu")
{
    /// <summary>x [.., 2h] → a ⊙ σ(b) [.., h], with a, b the first and second halves of the last dimension.</summary>
    /// <exception cref="ShapeMismatchException">The last dimension is odd, or the input is 0-d.</exception>
    public override Tensor Forward(Tensor input) => F.Glu(input);

    /// <summary>"GLU()".</summary>
    public override string ToString() => "GLU()";
}
