using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>SiLU, also called Swish: x·σ(x) (see <see cref="F.Silu"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class SiLU : Module
{
    /// <summary>y = x·σ(x) elementwise (<see cref="F.Silu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Silu(input);

    /// <summary>"SiLU()".</summary>
    public override string ToString() => "SiLU()";
}
