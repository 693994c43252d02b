using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Mish: x·tanh(softplus x) (see <see cref="F.Mish"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Mish : Module
{
    /// <summary>y = x·tanh(ln(1 + eˣ)) elementwise (<see cref="F.Mish"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Mish(input);

    /// <summary>"Mish()".</summary>
    public override string ToString() => "Mish()";
}
