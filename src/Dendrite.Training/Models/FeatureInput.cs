namespace Dendrite.Training.Models;

/// <summary>Rows of <paramref name="Count"/> numbers that enter the network as they are.</summary>
/// <param name="Count">Features per row.</param>
public sealed record FeatureInput(int Count) : ModelInput
{
    /// <inheritdoc/>
    public override int FeatureCount => Count;

    /// <inheritdoc/>
    public override string Kind => "features";
}
