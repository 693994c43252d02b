using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Init;

/// <summary>Variance-scaling initializers (Xavier/Glorot, Kaiming/He) and their gain and fan rules, as in torch.nn.init.</summary>
public static partial class Initializers
{
    /// <summary>
    /// The recommended gain for <paramref name="nonlinearity"/> (PyTorch's calculate_gain): linear and sigmoid 1,
    /// tanh 5/3, ReLU √2, leaky ReLU √(2/(1 + a²)) with a = <paramref name="negativeSlope"/> (PyTorch's default 0.01),
    /// SELU 3/4.
    /// </summary>
    public static float CalculateGain(Nonlinearity nonlinearity, float negativeSlope = 0.01f) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Sigmoid => 1f,
        Nonlinearity.Tanh => 5f / 3f,
        Nonlinearity.Relu => MathF.Sqrt(2f),
        Nonlinearity.LeakyRelu => (float)Math.Sqrt(2.0 / (1.0 + (double)negativeSlope * negativeSlope)),
        Nonlinearity.Selu => 0.75f,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "unknown nonlinearity"),
    };

    /// <summary>
    /// (fan_in, fan_out) of a weight [out, in, k…]: fan_in = in·Πk, fan_out = out·Πk. For a Linear weight
    /// [out, in] that is (in, out).
    /// </summary>
    /// <exception cref="ShapeMismatchException">the tensor has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFans(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank < 2)
            throw new ShapeMismatchException($"fan in and fan out need a tensor with at least 2 dimensions, got {t.ShapeString}");
        int receptive = 1;
        for (int i = 2; i < t.Rank; i++) receptive *= t.Dim(i);
        return (t.Dim(1) * receptive, t.Dim(0) * receptive);
    }

    /// <summary>Xavier/Glorot uniform: U(−a, a) with a = gain·√(6/(fan_in + fan_out)), so Var = gain²·2/(fan_in + fan_out).</summary>
    public static Tensor XavierUniform(Tensor t, Rng rng, float gain = 1f)
    {
        var (fanIn, fanOut) = CalculateFans(t);
        float a = gain * MathF.Sqrt(6f / (fanIn + fanOut));
        return Uniform(t, rng, -a, a);
    }

    /// <summary>Xavier/Glorot normal: N(0, std²) with std = gain·√(2/(fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor t, Rng rng, float gain = 1f)
    {
        var (fanIn, fanOut) = CalculateFans(t);
        return Normal(t, rng, 0f, gain * MathF.Sqrt(2f / (fanIn + fanOut)));
    }

    /// <summary>
    /// Kaiming/He uniform: U(−b, b) with b = √3·std, std = gain/√fan, gain = CalculateGain(nonlinearity, a) and
    /// fan = fan_in or fan_out per <paramref name="mode"/>. PyTorch's defaults (a = 0, fan_in, leaky ReLU) give
    /// gain √2, as for ReLU.
    /// </summary>
    public static Tensor KaimingUniform(Tensor t, Rng rng, float a = 0f, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        float bound = MathF.Sqrt(3f) * KaimingStd(t, a, mode, nonlinearity);
        return Uniform(t, rng, -bound, bound);
    }

    /// <summary>Kaiming/He normal: N(0, std²), std = gain/√fan (see <see cref="KaimingUniform"/>).</summary>
    public static Tensor KaimingNormal(Tensor t, Rng rng, float a = 0f, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu) =>
        Normal(t, rng, 0f, KaimingStd(t, a, mode, nonlinearity));

    private static float KaimingStd(Tensor t, float a, FanMode mode, Nonlinearity nonlinearity)
    {
        var (fanIn, fanOut) = CalculateFans(t);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0) throw new ShapeMismatchException($"kaiming init needs a non-zero fan, got tensor {t.ShapeString}");
        return CalculateGain(nonlinearity, a) / MathF.Sqrt(fan);
    }
}
