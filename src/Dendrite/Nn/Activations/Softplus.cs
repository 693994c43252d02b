using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Softplus: (1/β)·ln(1 + e^(βx)), linear (= x) where βx &gt; threshold, as PyTorch (see <see cref="F.Softplus"/>).
/// Elementwise; any shape in, same shape out.
/// </summary>
/// <param name="beta">β (PyTorch's default 1).</param>
/// <param name="threshold">Where βx exceeds it, the output is x (PyTorch's default 20).</param>
/// <exception cref="ArgumentOutOfRangeException">β is not positive and finite.</exception>
public sealed class Softplus(float beta = 1f, float threshold = 20f) : Module
{
    /// <summary>β, the sharpness: larger β brings softplus closer to ReLU (positive and finite; default 1).</summary>
    public float Beta { get; } = F.CheckSoftplusBeta(beta);

    /// <summary>Above βx = threshold the output is x itself (PyTorch's linear region; default 20).</summary>
    public float Threshold { get; } = threshold;

    /// <summary>
    /// y = (1/β)·ln(1 + e^(βx)), or x where βx &gt; threshold, elementwise (<see cref="F.Softplus"/>).
    /// </summary>
    public override Tensor Forward(Tensor input) => F.Softplus(input, Beta, Threshold);

    /// <summary>PyTorch-like text, e.g. "Softplus(beta=1, threshold=20)".</summary>
    public override string ToString() => $"Softplus(beta={Beta}, threshold={Threshold})";
}
