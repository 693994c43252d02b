using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary><see cref="Dropout"/>(p); its mask stream is forked from the build's Rng.</summary>
/// <param name="P">Probability of zeroing an element, in [0, 1).</param>
public sealed record DropoutConfig(float P) : LayerConfig
{
    /// <inheritdoc/>
    public override string Type => "dropout";

    /// <inheritdoc/>
    public override Module Build(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new Dropout(P, rng.Fork());
    }

    /// <inheritdoc/>
    public override void Validate(ModelLimits limits, string path) => ConfigChecks.Range(P, 0f, 1f, false, path, "p");

    /// <inheritdoc/>
    public override long? OutputWidth(long? width, string path) => width;

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes() => [];
}
