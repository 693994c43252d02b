using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Hardtanh: clamp(x, min, max) (see <see cref="F.Hardtanh"/>). Elementwise; any shape in, same shape out.</summary>
/// <exception cref="ArgumentOutOfRangeException">min ≥ max.</exception>
public sealed class Hardtanh : Module
{
    public Hardtanh(float min = -1f, float max = 1f)
    {
        F.CheckHardtanhRange(min, max);
        Min = min;
        Max = max;
    }

    public float Min { get; }

    public float Max { get; }

    public override Tensor Forward(Tensor input) => F.Hardtanh(input, Min, Max);

    public override string ToString() => $"Hardtanh(min_val={Min}, max_val={Max})";
}
