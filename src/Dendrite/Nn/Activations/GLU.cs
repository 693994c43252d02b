using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GLU (Dauphin et al. 2017): a ⊙ σ(b) for the halves a, b of the last dimension (see <see cref="F.Glu"/> and
/// <see cref="GatedActivation"/> for shapes).
/// </summary>
public sealed class GLU() : GatedActivation("glu")
{
    public override Tensor Forward(Tensor input) => F.Glu(input);

    public override string ToString() => "GLU()";
}
