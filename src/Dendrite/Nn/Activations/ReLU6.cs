using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>ReLU6: min(max(x, 0), 6) (see <see cref="F.Relu6"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class ReLU6 : Module
{
    /// <summary>y = min(max(x, 0), 6) elementwise (<see cref="F.Relu6"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Relu6(input);

    /// <summary>"ReLU6()".</summary>
    public override string ToString() => "ReLU6()";
}
