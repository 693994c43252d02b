using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Softplus: (1/β)·ln(1 + e^(βx)), linear (= x) where βx &gt; threshold, as PyTorch (see <see cref="F.Softplus"/>).
/// Elementwise; any shape in, same shape out.
/// </summary>
/// <exception cref="ArgumentOutOfRangeException">β is not positive and finite.</exception>
public sealed class Softplus(float beta = 1f, float threshold = 20f) : Module
{
    public float Beta { get; } = F.CheckSoftplusBeta(beta);

    public float Threshold { get; } = threshold;

    public override Tensor Forward(Tensor input) => F.Softplus(input, Beta, Threshold);

    public override string ToString() => $"Softplus(beta={Beta}, threshold={Threshold})";
}
