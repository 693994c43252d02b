using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>max(x, 0) elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class ReLU : Module
{
    public override Tensor Forward(Tensor input) => F.Relu(input);

    public override string ToString() => "ReLU()";
}
