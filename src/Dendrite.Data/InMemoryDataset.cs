namespace Dendrite.Data;

/// <summary>
/// Samples held in memory: features row-major [Count, FeatureCount] and an integer class label per sample.
/// </summary>
public sealed class InMemoryDataset
{
    public InMemoryDataset(float[] features, int featureCount, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0 || features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"features has {features.Length} values, expected {labels.Length} × {featureCount}");
        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        ClassCount = classCount;
    }

    public float[] Features { get; }

    public int FeatureCount { get; }

    public int[] Labels { get; }

    public int ClassCount { get; }

    public int Count => Labels.Length;
}
