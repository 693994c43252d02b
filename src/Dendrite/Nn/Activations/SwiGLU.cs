using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// SwiGLU (Shazeer 2020): SiLU(a) ⊙ b for the halves a, b of the last dimension (see <see cref="F.SwiGlu"/> and
/// <see cref="GatedActivation"/> for shapes).
/// </summary>
public sealed class SwiGLU() : GatedActivation("swiglu")
{
    public override Tensor Forward(Tensor input) => F.SwiGlu(input);

    public override string ToString() => "SwiGLU()";
}
