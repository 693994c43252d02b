using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>PyTorch's hardsigmoid: relu6(x + 3)/6 (see <see cref="F.HardSigmoid"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class HardSigmoid : Module
{
    /// <summary>y = clamp(x/6 + ½, 0, 1) elementwise (<see cref="F.HardSigmoid"/>).</summary>
    public override Tensor Forward(Tensor input) => F.HardSigmoid(input);

    /// <summary>"HardSigmoid()".</summary>
    public override string ToString() => "HardSigmoid()";
}
