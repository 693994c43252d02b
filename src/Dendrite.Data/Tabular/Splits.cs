using Dendrite.Random;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Seeded train/test and K-fold splits of row indices 0..count-1. The same seed gives the same split. Index lists are
/// returned sorted, so rows keep their file order within a part (a loader shuffles them anyway).
/// </summary>
public static class Splits
{
    /// <summary>
    /// Holds out round(count × testFraction) rows (at least 1, at most count − 1), drawn by one shuffle of
    /// <paramref name="rng"/>.
    /// </summary>
    public static SplitIndices TrainTest(int count, double testFraction, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (count < 2) throw new DendriteException($"a train/test split needs at least 2 rows, got {count}");
        if (!(testFraction > 0 && testFraction < 1)) throw new DendriteException($"the test fraction must be between 0 and 1 (exclusive), got {testFraction}");
        int testCount = Math.Clamp((int)Math.Round(count * testFraction, MidpointRounding.AwayFromZero), 1, count - 1);
        int[] order = Permutation(count, rng);
        return new SplitIndices(Sorted(order.AsSpan(testCount)), Sorted(order.AsSpan(0, testCount)));
    }

    /// <summary>
    /// K-fold cross-validation: one shuffle, then consecutive folds of the shuffled rows; the first count mod k folds
    /// have one row more, so sizes differ by at most 1. Every row is in exactly one fold's test part, and each fold's
    /// train part is all other rows.
    /// </summary>
    public static IReadOnlyList<SplitIndices> KFold(int count, int folds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (folds < 2) throw new DendriteException($"K-fold cross-validation needs at least 2 folds, got {folds}");
        if (folds > count) throw new DendriteException($"cannot make {folds} folds out of {count} rows; use at most {count} folds");
        int[] order = Permutation(count, rng);
        var result = new SplitIndices[folds];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = count / folds + (f < count % folds ? 1 : 0);
            int[] train = new int[count - size];
            order.AsSpan(0, start).CopyTo(train);
            order.AsSpan(start + size).CopyTo(train.AsSpan(start));
            result[f] = new SplitIndices(Sorted(train), Sorted(order.AsSpan(start, size)));
            start += size;
        }
        return result;
    }

    /// <summary>
    /// A number in [0, 1) that depends only on <paramref name="seed"/> and <paramref name="key"/> (SplitMix64 of both):
    /// a split of rows that can be decided one row at a time, without knowing how many rows there are, as a file
    /// streamed in chunks needs. Row "key" goes to a part of fraction f when the number is below f.
    /// </summary>
    public static double Hashed(ulong seed, long key)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(key + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static int[] Permutation(int count, Rng rng)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        rng.Shuffle(order.AsSpan());
        return order;
    }

    private static int[] Sorted(Span<int> indices)
    {
        int[] copy = indices.ToArray();
        Array.Sort(copy);
        return copy;
    }
}
