using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>tanh x elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Tanh : Module
{
    public override Tensor Forward(Tensor input) => F.Tanh(input);

    public override string ToString() => "Tanh()";
}
