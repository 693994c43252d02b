using Dendrite.Data;
using Dendrite.Random;

namespace Dendrite.Training.Policy;

/// <summary>Holds out a seeded random fraction of a training set for validation.</summary>
public static class ValidationSplit
{
    /// <summary>
    /// Shuffles the sample indices with <paramref name="rng"/> and takes the last round(fraction·n) of the permutation
    /// (at least 1, at most n − 1) as validation. Both parts keep the original sample order, so the same seed gives
    /// the same split and the parts are disjoint and together cover the set.
    /// </summary>
    public static (InMemoryDataset Train, InMemoryDataset Validation) Split(InMemoryDataset data, double fraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(fraction > 0 && fraction < 1)) throw new DendriteException($"validation fraction must be in (0, 1), got {fraction}");
        if (data.Count < 2) throw new DendriteException($"a validation split needs at least 2 training samples, got {data.Count}");
        int n = data.Count;
        int held = Math.Clamp((int)Math.Round(fraction * n), 1, n - 1);
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle<int>(order);
        int[] val = order[(n - held)..];
        int[] train = order[..(n - held)];
        Array.Sort(val);
        Array.Sort(train);
        return (Subset(data, train), Subset(data, val));
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public static InMemoryDataset Subset(InMemoryDataset data, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        int f = data.FeatureCount;
        var features = new float[(long)indices.Length * f];
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(data.Features, (long)indices[i] * f, features, (long)i * f, f);
            labels[i] = data.Labels[indices[i]];
        }
        return new InMemoryDataset(features, f, labels, data.ClassCount);
    }
}
