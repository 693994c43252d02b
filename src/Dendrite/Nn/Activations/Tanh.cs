using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>tanh x elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Tanh : Module
{
    /// <summary>y = tanh x elementwise (<see cref="Tensor.Tanh"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Tanh(input);

    /// <summary>"Tanh()".</summary>
    public override string ToString() => "Tanh()";
}
