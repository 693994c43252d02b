using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary><see cref="Flatten"/>: [batch, d1, d2, …] → [batch, d1·d2·…]; no state.</summary>
public sealed record FlattenConfig : LayerConfig
{
    /// <inheritdoc/>
    public override string Type => "flatten";

    /// <inheritdoc/>
    public override Module Build(Rng rng) => new Flatten();

    /// <inheritdoc/>
    public override void Validate(ModelLimits limits, string path)
    {
    }

    /// <summary>Unknown from the description alone (it depends on the input's shape), unless the input is already flat.</summary>
    public override long? OutputWidth(long? width, string path) => width;

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes() => [];
}
