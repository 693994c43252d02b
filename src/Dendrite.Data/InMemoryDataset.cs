namespace Dendrite.Data;

/// <summary>
/// Samples held in memory: features row-major [Count, FeatureCount] and, per sample, either an integer class label
/// (classification) or <see cref="TargetCount"/> float targets (regression, row-major [Count, TargetCount]).
/// </summary>
public sealed class InMemoryDataset
{
    /// <summary>A classification set: one label in [0, <paramref name="classCount"/>) per sample.</summary>
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
        Count = labels.Length;
    }

    /// <summary>A regression set: <paramref name="targetCount"/> targets per sample, row-major.</summary>
    public InMemoryDataset(float[] features, int featureCount, float[] targets, int targetCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (featureCount <= 0 || targetCount <= 0 || features.Length % featureCount != 0
            || targets.Length != (long)(features.Length / featureCount) * targetCount)
            throw new ArgumentException($"features has {features.Length} values and targets {targets.Length}, expected N × {featureCount} and N × {targetCount}");
        Features = features;
        FeatureCount = featureCount;
        Targets = targets;
        TargetCount = targetCount;
        Labels = [];
        Count = features.Length / featureCount;
    }

    /// <summary>Row-major [Count, FeatureCount].</summary>
    public float[] Features { get; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>The class of each sample; empty for a regression set.</summary>
    public int[] Labels { get; }

    /// <summary>Number of classes (classification); 0 for a regression set.</summary>
    public int ClassCount { get; }

    /// <summary>Regression targets [Count, TargetCount], or null for a classification set.</summary>
    public float[]? Targets { get; }

    /// <summary>Targets per sample (regression); 0 for a classification set.</summary>
    public int TargetCount { get; }

    /// <summary>True for a regression set (float targets), false for a classification set (labels).</summary>
    public bool IsRegression => Targets is not null;

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new set of the same kind.</summary>
    public InMemoryDataset Subset(ReadOnlySpan<int> indices)
    {
        int f = FeatureCount;
        var features = new float[(long)indices.Length * f];
        for (int i = 0; i < indices.Length; i++) Array.Copy(Features, (long)indices[i] * f, features, (long)i * f, f);
        if (Targets is { } targets)
        {
            int t = TargetCount;
            var values = new float[(long)indices.Length * t];
            for (int i = 0; i < indices.Length; i++) Array.Copy(targets, (long)indices[i] * t, values, (long)i * t, t);
            return new InMemoryDataset(features, f, values, t);
        }
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++) labels[i] = Labels[indices[i]];
        return new InMemoryDataset(features, f, labels, ClassCount);
    }
}
