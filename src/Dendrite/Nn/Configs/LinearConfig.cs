using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary><see cref="Linear"/>(in_features, out_features, bias): weight [out, in], bias [out].</summary>
/// <param name="InFeatures">Inputs per sample.</param>
/// <param name="OutFeatures">Outputs per sample.</param>
/// <param name="Bias">Whether the layer adds a learned bias.</param>
public sealed record LinearConfig(int InFeatures, int OutFeatures, bool Bias = true) : LayerConfig
{
    /// <inheritdoc/>
    public override string Type => "linear";

    /// <inheritdoc/>
    public override Module Build(Rng rng) => new Linear(InFeatures, OutFeatures, rng, Bias);

    /// <inheritdoc/>
    public override void Validate(ModelLimits limits, string path)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ConfigChecks.Width(InFeatures, limits, path, "in_features");
        ConfigChecks.Width(OutFeatures, limits, path, "out_features");
        ConfigChecks.Elements((long)InFeatures * OutFeatures, limits, path, $"the weight [{OutFeatures}, {InFeatures}]");
    }

    /// <inheritdoc/>
    public override int? InputWidth => InFeatures;

    /// <inheritdoc/>
    public override long? OutputWidth(long? width, string path)
    {
        ConfigChecks.Input(width, InFeatures, path, "in_features");
        return OutFeatures;
    }

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes()
    {
        yield return new StateShape("weight", [OutFeatures, InFeatures], false);
        if (Bias) yield return new StateShape("bias", [OutFeatures], false);
    }
}
