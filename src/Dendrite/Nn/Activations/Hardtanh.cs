using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Hardtanh: clamp(x, min, max) (see <see cref="F.Hardtanh"/>). Elementwise; any shape in, same shape out.</summary>
/// <exception cref="ArgumentOutOfRangeException">min ≥ max.</exception>
public sealed class Hardtanh : Module
{
    /// <summary>Clamps to [<paramref name="min"/>, <paramref name="max"/>]; PyTorch's defaults are −1 and 1.</summary>
    /// <param name="min">Lower bound (torch's min_val).</param>
    /// <param name="max">Upper bound (torch's max_val); must exceed <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="min"/> ≥ <paramref name="max"/>, or either is NaN.
    /// </exception>
    public Hardtanh(float min = -1f, float max = 1f)
    {
        F.CheckHardtanhRange(min, max);
        Min = min;
        Max = max;
    }

    /// <summary>Lower bound of the output (torch's min_val, default −1).</summary>
    public float Min { get; }

    /// <summary>Upper bound of the output (torch's max_val, default 1).</summary>
    public float Max { get; }

    /// <summary>y = clamp(x, <see cref="Min"/>, <see cref="Max"/>) elementwise (<see cref="F.Hardtanh"/>).</summary>
    public override Tensor Forward(Tensor input) => F.Hardtanh(input, Min, Max);

    /// <summary>PyTorch-like text, e.g. "Hardtanh(min_val=-1, max_val=1)".</summary>
    public override string ToString() => $"Hardtanh(min_val={Min}, max_val={Max})";
}
