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
    /// <param name="IsUniform">
    /// True for U(−a, a), false for N(0, std²); both have Var = gain²·2/(fan_in + fan_out).
    /// </param>
    /// <param name="Gain">
    /// Scale of the weights (<see cref="Initializers.CalculateGain"/>); 1 for tanh, sigmoid, linear.
    /// </param>
    public sealed record XavierInit(bool IsUniform, float Gain) : LinearInit
    {
        /// <summary>
        /// W ← Xavier uniform or normal with <see cref="Gain"/>, drawn from <paramref name="rng"/>; b = 0.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            if (IsUniform) Initializers.XavierUniform(layer.Weight, rng, Gain);
            else Initializers.XavierNormal(layer.Weight, rng, Gain);
            ZeroBias(layer);
        }

        /// <summary>"xavier_uniform" or "xavier_normal", with ":GAIN" appended when the gain is not 1.</summary>
        public override string ToString() => (IsUniform ? "xavier_uniform" : "xavier_normal") + GainSuffix(Gain);
    }

    /// <summary>W by <see cref="Initializers.KaimingUniform"/> or <see cref="Initializers.KaimingNormal"/>, b = 0.</summary>
    /// <param name="IsUniform">True for U(−√3·std, √3·std), false for N(0, std²), with std = gain/√fan.</param>
    /// <param name="Nonlinearity">The activation after the layer, which sets the gain.</param>
    /// <param name="A">Negative slope for <see cref="Nonlinearity.LeakyRelu"/>; ignored by the other gains.</param>
    /// <param name="Mode">Which fan divides the variance (<see cref="FanMode.FanIn"/> keeps forward variance).</param>
    public sealed record KaimingInit(bool IsUniform, Nonlinearity Nonlinearity, float A, FanMode Mode) : LinearInit
    {
        /// <summary>
        /// W ← Kaiming uniform or normal with <see cref="Nonlinearity"/>, <see cref="A"/> and <see cref="Mode"/>,
        /// drawn from <paramref name="rng"/>; b = 0.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
        /// <exception cref="Dendrite.Tensors.ShapeMismatchException">The chosen fan of the weight is 0.</exception>
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
    /// <param name="Gain">Scale of Q: WᵀW = gain²·I (or WWᵀ for a wide weight).</param>
    public sealed record OrthogonalInit(float Gain) : LinearInit
    {
        /// <summary>W ← gain·Q with Q (semi-)orthogonal, drawn from <paramref name="rng"/>; b = 0.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            Initializers.Orthogonal(layer.Weight, rng, Gain);
            ZeroBias(layer);
        }

        /// <summary>"orthogonal", with ":GAIN" appended when the gain is not 1.</summary>
        public override string ToString() => "orthogonal" + GainSuffix(Gain);
    }

    /// <summary>W ~ U(−A, A), b = 0.</summary>
    public sealed record UniformInit : LinearInit
    {
        /// <summary>A scheme drawing W ~ U(−a, a) and zeroing b.</summary>
        /// <param name="a">Half-width of the interval.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is negative, NaN or infinite.</exception>
        public UniformInit(float a)
        {
            if (!float.IsFinite(a) || a < 0f) throw new ArgumentOutOfRangeException(nameof(a), a, "a must be finite and ≥ 0");
            A = a;
        }

        /// <summary>Half-width of the weight interval (finite, ≥ 0).</summary>
        public float A { get; }

        /// <summary>
        /// W ~ U(−<see cref="A"/>, <see cref="A"/>) drawn row-major from <paramref name="rng"/>; b = 0.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            Initializers.Uniform(layer.Weight, rng, -A, A);
            ZeroBias(layer);
        }

        /// <summary>
        /// "uniform:A" with A in invariant culture (e.g. "uniform:0.05"), which <see cref="Parse"/> reads back.
        /// </summary>
        public override string ToString() => FormattableString.Invariant($"uniform:{A}");
    }

    private static string GainSuffix(float gain) => gain == 1f ? "" : ":" + gain.ToString(CultureInfo.InvariantCulture);
}
