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
        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            layer.ResetParameters(rng);
        }

        public override string ToString() => "default";
    }

    /// <summary>W ~ N(0, Std²), b = 0.</summary>
    public sealed record NormalInit : LinearInit
    {
        public NormalInit(float std)
        {
            if (!float.IsFinite(std) || std < 0f) throw new ArgumentOutOfRangeException(nameof(std), std, "std must be finite and ≥ 0");
            Std = std;
        }

        public float Std { get; }

        public override void Apply(Linear layer, Rng rng)
        {
            ArgumentNullException.ThrowIfNull(layer);
            Initializers.Normal(layer.Weight, rng, 0f, Std);
            if (layer.Bias is not null) Initializers.Zeros(layer.Bias);
        }

        public override string ToString() => FormattableString.Invariant($"normal:{Std}");
    }
}
