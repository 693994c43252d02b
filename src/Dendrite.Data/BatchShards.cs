namespace Dendrite.Data;

/// <summary>
/// How a global batch is dealt to data-parallel shards, shared by <see cref="DataLoader"/> and the streamed tables'
/// batch source so both split alike: shard i of k holds rows [⌊i·n/k⌋, ⌊(i+1)·n/k⌋) of an n-row batch.
/// </summary>
internal static class BatchShards
{
    /// <summary>Throws unless <paramref name="shardCount"/> is positive and <paramref name="shardIndex"/> is in [0, shardCount).</summary>
    public static void Check(int shardIndex, int shardCount)
    {
        if (shardCount <= 0) throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, "the shard count must be positive");
        if (shardIndex < 0 || shardIndex >= shardCount)
            throw new ArgumentOutOfRangeException(nameof(shardIndex), shardIndex, $"the shard index must be in [0, {shardCount})");
    }

    /// <summary>Shard <paramref name="shardIndex"/>'s rows [From, To) of a <paramref name="batchRows"/>-row batch.</summary>
    public static (int From, int To) Rows(int batchRows, int shardIndex, int shardCount) =>
        ((int)((long)batchRows * shardIndex / shardCount), (int)((long)batchRows * (shardIndex + 1) / shardCount));
}
