using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>1/(1+e⁻ˣ) elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Sigmoid : Module
{
    /// <summary>y = 1/(1 + e⁻ˣ) elementwise, finite for every finite x (<see cref="Tensor.Sigmoid"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Sigmoid(input);

    /// <summary>"Sigmoid()".</summary>
    public override string ToString() => "Sigmoid()";
}
