using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>ELU: x for x &gt; 0, α(eˣ − 1) otherwise (see <see cref="F.Elu"/>). Elementwise; any shape in, same shape out.</summary>
/// <param name="alpha">α, the magnitude of the negative saturation (PyTorch's default 1).</param>
public sealed class ELU(float alpha = 1f) : Module
{
    /// <summary>α: the negative branch tends to −α as x → −∞ (default 1; not validated, as in PyTorch).</summary>
    public float Alpha { get; } = alpha;

    /// <summary>y = x for x &gt; 0, α(eˣ − 1) otherwise, elementwise (<see cref="F.Elu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Elu(input, Alpha);

    /// <summary>PyTorch-like text, e.g. "ELU(alpha=1)".</summary>
    public override string ToString() => $"ELU(alpha={Alpha})";
}
