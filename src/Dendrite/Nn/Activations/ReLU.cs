using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>max(x, 0) elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class ReLU : Module
{
    /// <summary>y = max(x, 0) elementwise; NaN stays NaN (<see cref="Tensor.Relu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Relu(input);

    /// <summary>"ReLU()".</summary>
    public override string ToString() => "ReLU()";
}
