using System.Globalization;
using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Init;

/// <summary>Variance-scaling and orthogonal schemes for Linear layers. All of them set biases to zero.</summary>
public abstract partial record LinearInit
{
    /// <summary>Xavier/Glorot (uniform or normal) with gain 1 — suits tanh/sigmoid/linear nets.</summary>
    public static LinearInit Xavier(bool uniform, float gain = 1f) => new XavierInit(uniform, gain);

    /// <summary>Kaiming/He (uniform or normal), fan_in, with the gain of <paramref name="nonlinearity"/> — suits ReLU nets.</summary>
    public static LinearInit Kaiming(bool uniform, Nonlinearity nonlinearity = Nonlinearity.Relu, float a = 0f, FanMode mode = FanMode.FanIn) =>
        new KaimingInit(uniform, nonlinearity, a, mode);

    /// <summary>Orthogonal weights times <paramref name="gain"/>.</summary>
    public static LinearInit Orthogonal(float gain = 1f) => new OrthogonalInit(gain);

    /// <summary>W ~ U(−a, a), b = 0.</summary>
    public static LinearInit Uniform(float a) => new UniformInit(a);

    /// <summary>Zeroes the bias of <paramref name="layer"/> if it has one.</summary>
    private static void ZeroBias(Linear layer)
    {
        if (layer.Bias is not null) Initializers.Zeros(layer.Bias);
    }

    /// <summary>W by <see cref="Initializers.XavierUniform"/> or <see cref="Initializers.XavierNormal"/>, b = 0.</summary>
    public sealed record XavierInit(bool IsUniform, float Gain) : LinearInit
    {
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            if (IsUniform) Initializers.XavierUniform(layer.Weight, rng, Gain);
            else Initializers.XavierNormal(layer.Weight, rng, Gain);
            ZeroBias(layer);
        }

        public override string ToString() => (IsUniform ? "xavier_uniform" : "xavier_normal") + GainSuffix(Gain);
    }

    /// <summary>W by <see cref="Initializers.KaimingUniform"/> or <see cref="Initializers.KaimingNormal"/>, b = 0.</summary>
    public sealed record KaimingInit(bool IsUniform, Nonlinearity Nonlinearity, float A, FanMode Mode) : LinearInit
    {
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            if (IsUniform) Initializers.KaimingUniform(layer.Weight, rng, A, Mode, Nonlinearity);
            else Initializers.KaimingNormal(layer.Weight, rng, A, Mode, Nonlinearity);
            ZeroBias(layer);
        }

        /// <summary>The text form; the non-default nonlinearity, slope and mode are not part of it.</summary>
        public override string ToString() => IsUniform ? "kaiming_uniform" : "kaiming_normal";
    }

    /// <summary>W by <see cref="Initializers.Orthogonal"/>, b = 0.</summary>
    public sealed record OrthogonalInit(float Gain) : LinearInit
    {
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            Initializers.Orthogonal(layer.Weight, rng, Gain);
            ZeroBias(layer);
        }

        public override string ToString() => "orthogonal" + GainSuffix(Gain);
    }

    /// <summary>W ~ U(−A, A), b = 0.</summary>
    public sealed record UniformInit : LinearInit
    {
        public UniformInit(float a)
        {
            if (!float.IsFinite(a) || a < 0f) throw new ArgumentOutOfRangeException(nameof(a), a, "a must be finite and ≥ 0");
            A = a;
        }

        public float A { get; }

        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            Initializers.Uniform(layer.Weight, rng, -A, A);
            ZeroBias(layer);
        }

        public override string ToString() => FormattableString.Invariant($"uniform:{A}");
    }

    private static string GainSuffix(float gain) => gain == 1f ? "" : ":" + gain.ToString(CultureInfo.InvariantCulture);
}
