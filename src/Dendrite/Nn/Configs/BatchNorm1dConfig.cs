using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary><see cref="BatchNorm1d"/>(num_features, eps, momentum, affine).</summary>
/// <param name="NumFeatures">Features normalized (the width in and out).</param>
/// <param name="Eps">Added to the variance, &gt; 0.</param>
/// <param name="Momentum">Running-statistics update weight, in [0, 1].</param>
/// <param name="Affine">Whether γ and β are learned.</param>
public sealed record BatchNorm1dConfig(int NumFeatures, float Eps = 1e-5f, float Momentum = 0.1f, bool Affine = true) : LayerConfig
{
    /// <inheritdoc/>
    public override string Type => "batchnorm1d";

    /// <inheritdoc/>
    public override Module Build(Rng rng) => new BatchNorm1d(NumFeatures, Eps, Momentum, Affine);

    /// <inheritdoc/>
    public override void Validate(ModelLimits limits, string path)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ConfigChecks.Width(NumFeatures, limits, path, "num_features");
        ConfigChecks.Positive(Eps, path, "eps");
        ConfigChecks.Range(Momentum, 0f, 1f, true, path, "momentum");
    }

    /// <inheritdoc/>
    public override int? InputWidth => NumFeatures;

    /// <inheritdoc/>
    public override long? OutputWidth(long? width, string path)
    {
        ConfigChecks.Input(width, NumFeatures, path, "num_features");
        return NumFeatures;
    }

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes()
    {
        if (Affine)
        {
            yield return new StateShape("weight", [NumFeatures], false);
            yield return new StateShape("bias", [NumFeatures], false);
        }
        yield return new StateShape("running_mean", [NumFeatures], true);
        yield return new StateShape("running_var", [NumFeatures], true);
        yield return new StateShape("num_batches_tracked", [], true);
    }
}
