using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>1/(1+e⁻ˣ) elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Sigmoid : Module
{
    public override Tensor Forward(Tensor input) => F.Sigmoid(input);

    public override string ToString() => "Sigmoid()";
}
