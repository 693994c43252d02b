using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>SELU: λ·x for x &gt; 0, λ·α(eˣ − 1) otherwise (PyTorch's α, λ; see <see cref="F.Selu"/>). Elementwise; any shape in, same shape out. No parameters.</summary>
public sealed class SELU : Module
{
    /// <summary>y = λ·x for x &gt; 0, λ·α(eˣ − 1) otherwise, elementwise (<see cref="F.Selu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Selu(input);

    /// <summary>"SELU()".</summary>
    public override string ToString() => "SELU()";
}
