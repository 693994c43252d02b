using Dendrite.Data;
using Dendrite.Random;

namespace Dendrite.Training.Policy;

/// <summary>Holds out a seeded random fraction of a training set for validation.</summary>
public static class ValidationSplit
{
    /// <summary>
    /// Shuffles 0..<paramref name="count"/>−1 with <paramref name="rng"/> and takes the last round(fraction·n) of the
    /// permutation (at least 1, at most n − 1) as validation. Both parts are in increasing order, so the same seed
    /// gives the same split and the parts are disjoint and together cover the set.
    /// </summary>
    public static (int[] Train, int[] Validation) Indices(int count, double fraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(fraction > 0 && fraction < 1)) throw new DendriteException($"validation fraction must be in (0, 1), got {fraction}");
        if (count < 2) throw new DendriteException($"a validation split needs at least 2 training samples, got {count}");
        int held = Math.Clamp((int)Math.Round(fraction * count), 1, count - 1);
        int[] order = rng.Permutation(count);
        int[] val = order[(count - held)..];
        int[] train = order[..(count - held)];
        Array.Sort(val);
        Array.Sort(train);
        return (train, val);
    }

    /// <summary>The training and validation parts of <paramref name="data"/> (see <see cref="Indices"/>).</summary>
    public static (InMemoryDataset Train, InMemoryDataset Validation) Split(InMemoryDataset data, double fraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (train, val) = Indices(data.Count, fraction, rng);
        return (data.Subset(train), data.Subset(val));
    }
}
