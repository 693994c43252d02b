using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>ELU: x for x &gt; 0, α(eˣ − 1) otherwise (see <see cref="F.Elu"/>). Elementwise; any shape in, same shape out.</summary>
public sealed class ELU(float alpha = 1f) : Module
{
    public float Alpha { get; } = alpha;

    public override Tensor Forward(Tensor input) => F.Elu(input, Alpha);

    public override string ToString() => $"ELU(alpha={Alpha})";
}
