using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary><see cref="LayerNorm"/>(normalized_shape, eps, elementwise_affine) over the last dimension.</summary>
/// <param name="NormalizedShape">Size of the normalized last dimension.</param>
/// <param name="Eps">Added to the variance, &gt; 0.</param>
/// <param name="ElementwiseAffine">Whether γ and β are learned.</param>
public sealed record LayerNormConfig(int NormalizedShape, float Eps = 1e-5f, bool ElementwiseAffine = true) : LayerConfig
{
    /// <inheritdoc/>
    public override string Type => "layernorm";

    /// <inheritdoc/>
    public override Module Build(Rng rng) => new LayerNorm(NormalizedShape, Eps, ElementwiseAffine);

    /// <inheritdoc/>
    public override void Validate(ModelLimits limits, string path)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ConfigChecks.Width(NormalizedShape, limits, path, "normalized_shape");
        ConfigChecks.Positive(Eps, path, "eps");
    }

    /// <inheritdoc/>
    public override int? InputWidth => NormalizedShape;

    /// <inheritdoc/>
    public override long? OutputWidth(long? width, string path)
    {
        ConfigChecks.Input(width, NormalizedShape, path, "normalized_shape");
        return NormalizedShape;
    }

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes()
    {
        if (!ElementwiseAffine) yield break;
        yield return new StateShape("weight", [NormalizedShape], false);
        yield return new StateShape("bias", [NormalizedShape], false);
    }
}
