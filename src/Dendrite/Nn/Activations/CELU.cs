using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// CELU: max(0, x) + min(0, α(e^(x/α) − 1)) (see <see cref="F.Celu"/>). Elementwise; any shape in, same shape out.
/// </summary>
/// <param name="alpha">α (PyTorch's default 1, where CELU equals ELU).</param>
/// <exception cref="ArgumentOutOfRangeException">α is 0 or not finite.</exception>
public sealed class CELU(float alpha = 1f) : Module
{
    /// <summary>
    /// α: scales the negative branch, which tends to −α, and its exponent e^(x/α); finite and non-zero.
    /// </summary>
    public float Alpha { get; } = F.CheckCeluAlpha(alpha);

    /// <summary>y = max(0, x) + min(0, α(e^(x/α) − 1)) elementwise (<see cref="F.Celu"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Celu(input, Alpha);

    /// <summary>PyTorch-like text, e.g. "CELU(alpha=1)".</summary>
    public override string ToString() => $"CELU(alpha={Alpha})";
}
