using Dendrite.Data.Tabular;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Training.Tabular;

/// <summary>
/// Cuts a <see cref="TabularDataset"/> into mini-batches, carrying float regression targets as well as labels (the
/// image <see cref="Data.DataLoader"/> carries only int labels). Each batch gets fresh arrays: the autograd graph of
/// a step may still hold the previous batch's input, and tables are small enough that the copies cost nothing.
/// </summary>
public sealed class TabularBatcher
{
    private readonly TabularDataset _data;
    private readonly int _batchSize;
    private readonly Rng? _rng;
    private readonly int[] _order;

    /// <param name="data">The rows to batch; regression data must have <see cref="TabularDataset.Targets"/>, classification <see cref="TabularDataset.Labels"/>.</param>
    /// <param name="batchSize">Rows per batch; the last batch of a pass holds the remainder.</param>
    /// <param name="shuffleRng">Null for file order; otherwise every pass draws a new permutation from it.</param>
    public TabularBatcher(TabularDataset data, int batchSize, Rng? shuffleRng = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _data = data;
        _batchSize = batchSize;
        _rng = shuffleRng;
        _order = Enumerable.Range(0, data.Count).ToArray();
    }

    /// <summary>One pass over the rows (reshuffled first when shuffling).</summary>
    public IEnumerable<TabularBatch> Epoch()
    {
        _rng?.Shuffle(_order.AsSpan());
        int d = _data.FeatureCount;
        for (int start = 0; start < _data.Count; start += _batchSize)
        {
            int n = Math.Min(_batchSize, _data.Count - start);
            var x = new float[n * d];
            float[]? y = _data.Targets is null ? null : new float[n];
            int[]? labels = _data.Labels is null ? null : new int[n];
            for (int i = 0; i < n; i++)
            {
                int r = _order[start + i];
                _data.Features.AsSpan(r * d, d).CopyTo(x.AsSpan(i * d, d));
                if (y is not null) y[i] = _data.Targets![r];
                if (labels is not null) labels[i] = _data.Labels![r];
            }
            yield return new TabularBatch(new Tensor(x, n, d), y is null ? null : new Tensor(y, n, 1), labels);
        }
    }
}
