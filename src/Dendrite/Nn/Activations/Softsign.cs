using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Softsign: x/(1 + |x|) (see <see cref="F.Softsign"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class Softsign : Module
{
    /// <summary>y = x/(1 + |x|) elementwise (<see cref="F.Softsign"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Softsign(input);

    /// <summary>"Softsign()".</summary>
    public override string ToString() => "Softsign()";
}
