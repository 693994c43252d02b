using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// CELU: max(0, x) + min(0, α(e^(x/α) − 1)) (see <see cref="F.Celu"/>). Elementwise; any shape in, same shape out.
/// </summary>
/// <exception cref="ArgumentOutOfRangeException">α is 0 or not finite.</exception>
public sealed class CELU(float alpha = 1f) : Module
{
    public float Alpha { get; } = F.CheckCeluAlpha(alpha);

    public override Tensor Forward(Tensor input) => F.Celu(input, Alpha);

    public override string ToString() => $"CELU(alpha={Alpha})";
}
