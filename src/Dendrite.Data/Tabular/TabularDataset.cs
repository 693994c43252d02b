namespace Dendrite.Data.Tabular;

/// <summary>
/// Preprocessed tabular samples ready for a model: features row-major [Count, FeatureCount] and, when the source
/// had a target, either regression <see cref="Targets"/> (model space) with <see cref="RawTargets"/>, or
/// classification <see cref="Labels"/> into <see cref="ClassNames"/>.
/// </summary>
public sealed class TabularDataset
{
    /// <summary>
    /// A dataset over the given arrays (not copied). Count = features.Length / featureNames.Length; every optional
    /// per-sample array must have Count entries.
    /// </summary>
    /// <param name="features">Row-major [Count, FeatureCount].</param>
    /// <param name="featureNames">One name per feature; at least one.</param>
    /// <param name="targets">Regression targets in model space, or null.</param>
    /// <param name="rawTargets">Regression targets as in the file, or null.</param>
    /// <param name="labels">Class indices into <paramref name="classNames"/>, or null.</param>
    /// <param name="classNames">Class names; required with <paramref name="labels"/>.</param>
    /// <param name="ids">The id column's values, or null.</param>
    /// <param name="lineNumbers">File line of each sample, or null.</param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="features"/> or <paramref name="featureNames"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// No feature names, a length that does not fit Count, both targets and labels, or labels without class names.
    /// </exception>
    public TabularDataset(
        float[] features,
        string[] featureNames,
        float[]? targets = null,
        float[]? rawTargets = null,
        int[]? labels = null,
        string[]? classNames = null,
        string?[]? ids = null,
        int[]? lineNumbers = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Length == 0) throw new ArgumentException("at least one feature is needed", nameof(featureNames));
        if (features.Length % featureNames.Length != 0)
            throw new ArgumentException($"features has {features.Length} values, not a multiple of {featureNames.Length} features", nameof(features));
        int count = features.Length / featureNames.Length;
        CheckLength(targets, count, nameof(targets));
        CheckLength(rawTargets, count, nameof(rawTargets));
        CheckLength(labels, count, nameof(labels));
        CheckLength(ids, count, nameof(ids));
        CheckLength(lineNumbers, count, nameof(lineNumbers));
        if (targets is not null && labels is not null) throw new ArgumentException("a dataset has regression targets or class labels, not both");
        if (labels is not null && classNames is null) throw new ArgumentException("labels need class names", nameof(classNames));
        Features = features;
        FeatureNames = featureNames;
        Count = count;
        Targets = targets;
        RawTargets = rawTargets;
        Labels = labels;
        ClassNames = classNames;
        Ids = ids;
        LineNumbers = lineNumbers;
    }

    /// <summary>Row-major [Count, FeatureCount].</summary>
    public float[] Features { get; }

    /// <summary>Features per sample (the width of the model's input).</summary>
    public int FeatureCount => FeatureNames.Length;

    /// <summary>Name of each output feature: a numeric column's name, "name_missing" for its indicator, "name=category" for one-hot.</summary>
    public string[] FeatureNames { get; }

    /// <summary>Number of samples (rows).</summary>
    public int Count { get; }

    /// <summary>Regression targets as the model sees them (standardized and/or logged, see <see cref="FittedTarget"/>).</summary>
    public float[]? Targets { get; }

    /// <summary>Regression targets as in the file.</summary>
    public float[]? RawTargets { get; }

    /// <summary>Class index of each sample (classification).</summary>
    public int[]? Labels { get; }

    /// <summary>The class names that <see cref="Labels"/> index (classification); null otherwise.</summary>
    public string[]? ClassNames { get; }

    /// <summary>The id column's values, passed through.</summary>
    public string?[]? Ids { get; }

    /// <summary>File line of each sample, for messages.</summary>
    public int[]? LineNumbers { get; }

    /// <summary>The samples as an <see cref="InMemoryDataset"/> (shares the arrays) for a classification <see cref="DataLoader"/>.</summary>
    public InMemoryDataset ToInMemoryDataset()
    {
        if (Labels is null) throw new InvalidOperationException("only a classification dataset has integer labels");
        return new InMemoryDataset(Features, FeatureCount, Labels, ClassNames!.Length);
    }

    private static void CheckLength<T>(T[]? array, int count, string name)
    {
        if (array is not null && array.Length != count) throw new ArgumentException($"{name} has {array.Length} values, expected {count}", name);
    }
}
