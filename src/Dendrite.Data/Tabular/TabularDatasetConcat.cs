namespace Dendrite.Data.Tabular;

/// <summary>Joins transformed pieces of one table (same features and targets) into one dataset, in order.</summary>
internal static class TabularDatasetConcat
{
    public static TabularDataset Of(IReadOnlyList<TabularDataset> pieces)
    {
        TabularDataset first = pieces[0];
        if (pieces.Count == 1) return first;
        return new TabularDataset(
            Join(pieces, p => p.Features)!,
            first.FeatureNames,
            Join(pieces, p => p.Targets),
            Join(pieces, p => p.RawTargets),
            Join(pieces, p => p.Labels),
            first.ClassNames,
            Join(pieces, p => p.Ids),
            Join(pieces, p => p.LineNumbers));
    }

    private static T[]? Join<T>(IReadOnlyList<TabularDataset> pieces, Func<TabularDataset, T[]?> part)
    {
        if (part(pieces[0]) is null) return null;
        long total = 0;
        foreach (TabularDataset p in pieces) total += part(p)!.Length;
        var joined = new T[total];
        long at = 0;
        foreach (TabularDataset p in pieces)
        {
            T[] array = part(p)!;
            Array.Copy(array, 0, joined, at, array.Length);
            at += array.Length;
        }
        return joined;
    }
}
