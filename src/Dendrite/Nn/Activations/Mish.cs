using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Mish: x·tanh(softplus x) (see <see cref="F.Mish"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Mish : Module
{
    public override Tensor Forward(Tensor input) => F.Mish(input);

    public override string ToString() => "Mish()";
}
