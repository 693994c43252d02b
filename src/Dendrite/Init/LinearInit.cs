using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Init;

/// <summary>
/// How to initialize the <see cref="Linear"/> layers of a model. <see cref="Apply"/> visits every Linear layer
/// depth first, in order, drawing from one <see cref="Rng"/>, so a seed fixes the whole model.
/// Schemes are nested subtypes (LinearInit.Schemes.cs); <see cref="Parse"/> reads their text form.
/// </summary>
public abstract partial record LinearInit
{
    /// <summary>PyTorch's default: W, b ~ U(−1/√in, 1/√in) (see <see cref="Linear.ResetParameters"/>).</summary>
    public static LinearInit Default { get; } = new DefaultInit();

    /// <summary>d2l's MLP init: W ~ N(0, std²), b = 0. The d2l reference uses std = 0.01.</summary>
    public static LinearInit Normal(float std) => new NormalInit(std);

    /// <summary>Initializes one layer.</summary>
    public abstract void Apply(Linear layer, Rng rng);

    /// <summary>Initializes every Linear layer of <paramref name="model"/>, in <see cref="Module.Modules"/> order.</summary>
    public void ApplyTo(Module model, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var layer in model.Modules().OfType<Linear>()) Apply(layer, rng);
    }

    /// <summary>Redraws PyTorch's default initialization.</summary>
    public sealed record DefaultInit : LinearInit
    {
        /// <summary>
        /// Calls <see cref="Linear.ResetParameters"/>: W and b ~ U(−1/√in, 1/√in), drawn from <paramref name="rng"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            layer.ResetParameters(rng);
        }

        /// <summary>"default", the text <see cref="Parse"/> reads back.</summary>
        public override string ToString() => "default";
    }

    /// <summary>W ~ N(0, Std²), b = 0.</summary>
    public sealed record NormalInit : LinearInit
    {
        /// <summary>A scheme drawing W ~ N(0, std²) and zeroing b.</summary>
        /// <param name="std">Standard deviation of the weights; d2l uses 0.01.</param>
        /// <exception cref="ArgumentOutOfRangeException">
        /// <paramref name="std"/> is negative, NaN or infinite.
        /// </exception>
        public NormalInit(float std)
        {
            if (!float.IsFinite(std) || std < 0f) throw new ArgumentOutOfRangeException(nameof(std), std, "std must be finite and ≥ 0");
            Std = std;
        }

        /// <summary>Standard deviation of the weights (finite, ≥ 0; 0 gives all-zero weights).</summary>
        public float Std { get; }

        /// <summary>W ~ N(0, <see cref="Std"/>²) drawn row-major from <paramref name="rng"/>; b = 0.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="layer"/> is null.</exception>
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            Initializers.Normal(layer.Weight, rng, 0f, Std);
            if (layer.Bias is not null) Initializers.Zeros(layer.Bias);
        }

        /// <summary>
        /// "normal:STD" with STD in invariant culture (e.g. "normal:0.01"), which <see cref="Parse"/> reads back.
        /// </summary>
        public override string ToString() => FormattableString.Invariant($"normal:{Std}");
    }
}
