using System.Collections;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Data.Tabular;

/// <summary>
/// The batches of a <see cref="StreamingTabularDataset"/>, one epoch per enumeration (see the dataset for the chunk
/// order and the shuffle buffer), whole or as one data-parallel shard of each.
/// </summary>
/// <remarks>
/// Sharded (shardCount &gt; 1), every rank runs the same seeded chunk order and shuffle buffer, so all ranks see the
/// same sequence of global batches of batchSize rows (the last one Count mod batchSize), and keeps only rows
/// [⌊i·n/k⌋, ⌊(i+1)·n/k⌋) of each n-row global batch: the split <see cref="DataLoader"/> makes, so N ranks train on
/// exactly the rows of the one-process streamed run. An empty shard is still yielded (the rank takes part in the step).
/// <para>
/// Which row lands in which global batch depends only on the Rng and on how many training rows each chunk holds, not on
/// the rows' values. The first epoch learns those counts while it reads the chunks, preprocessing every row; from the
/// second epoch on a rank first replays the epoch's draws on row numbers alone (a clone of the Rng: a few integer
/// operations per row) to mark the rows that will fall in its shard, then preprocesses and buffers only those, so the
/// transform and copy work is divided by the rank count (every rank still parses every chunk). The marks cost one bit
/// per training row, and the replay one int per buffer slot. A chunk whose count changes between epochs, or an epoch
/// that reads another number of rows than counted, stops the fit with a <see cref="DataFormatException"/>, since the
/// ranks could no longer agree on the batches.
/// </para>
/// </remarks>
internal sealed class StreamingShardSource : IBatchSource
{
    private readonly StreamingTabularDataset _data;
    private readonly int _batchSize;
    private readonly Rng _rng;
    private readonly int _shardIndex;
    private readonly int _shardCount;
    private readonly int _width;
    private readonly int _capacity;
    private readonly bool _regression;
    private readonly int[] _chunkRows; // training rows per chunk, -1 until the chunk has been read
    private ShardArrays? _full;
    private ShardArrays? _last;
    private float[]? _bufferFeatures;
    private float[]? _bufferTargets;
    private int[]? _bufferLabels;
    private int[]? _arrivalOf;
    private long _position;

    public StreamingShardSource(StreamingTabularDataset data, int batchSize, Rng rng, int shardIndex, int shardCount)
    {
        _data = data;
        _batchSize = batchSize;
        _rng = rng;
        _shardIndex = shardIndex;
        _shardCount = shardCount;
        _width = data.FeatureCount;
        _capacity = data.ShuffleBufferRows;
        _regression = data.IsRegression;
        _chunkRows = new int[data.Chunks.ChunkCount];
        Array.Fill(_chunkRows, -1);
    }

    public int SampleCount => _data.Count;

    public IEnumerator<Batch> GetEnumerator() => Epoch().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool Sharded => _shardCount > 1;

    private IEnumerable<Batch> Epoch()
    {
        _bufferFeatures ??= new float[_capacity * _width];
        if (_regression) _bufferTargets ??= new float[_capacity];
        else _bufferLabels ??= new int[_capacity];
        _full ??= new ShardArrays(Shard(_batchSize), _width, _regression);
        _position = 0;
        // Only once every chunk's count is known can the epoch be replayed ahead on row numbers.
        BitArray? mine = Sharded && Array.TrueForAll(_chunkRows, c => c >= 0) ? MarkShardRows() : null;
        int filled = 0;
        long arrival = 0;

        foreach (int chunk in _rng.Permutation(_chunkRows.Length))
        {
            var (frame, rows) = _data.ReadTrainingRows(chunk);
            if (_chunkRows[chunk] >= 0 && _chunkRows[chunk] != rows.Length)
                throw new DataFormatException($"{_data.Chunks.Path}: chunk {chunk} held {_chunkRows[chunk]} training rows in an earlier epoch and {rows.Length} now; the file changed during training");
            _chunkRows[chunk] = rows.Length;
            if (rows.Length == 0) continue;
            int[] kept = rows;
            if (mine is not null)
            {
                var ours = new List<int>(rows.Length / _shardCount + 1);
                for (int t = 0; t < rows.Length; t++)
                    if (mine[(int)(arrival + t)]) ours.Add(rows[t]);
                kept = ours.ToArray();
            }
            TabularDataset? part = kept.Length == 0 ? null : _data.Transform(frame, kept);
            int next = 0;
            for (int t = 0; t < rows.Length; t++)
            {
                int slot = NextSlot(_rng, ref filled, out bool evicts);
                if (evicts && Emit(slot) is { } batch) yield return batch;
                if (mine is not null && !mine[(int)(arrival + t)]) continue; // another rank's row: never emitted here
                part!.Features.AsSpan(next * _width, _width).CopyTo(_bufferFeatures.AsSpan(slot * _width, _width));
                if (_regression) _bufferTargets![slot] = part.Targets![next];
                else _bufferLabels![slot] = part.Labels![next];
                next++;
            }
            arrival += rows.Length;
        }
        foreach (int slot in _rng.Permutation(filled))
            if (Emit(slot) is { } batch) yield return batch;
        if (Sharded)
        {
            if (_position != _data.Count)
                throw new DataFormatException($"{_data.Chunks.Path}: an epoch read {_position} training rows where {_data.Count} were counted; the file changed during training");
        }
        else if (_position % _batchSize is var inBatch and > 0)
        {
            // The last, partial batch gets its own arrays (a Batch's size is its arrays' length).
            yield return _full.CopyOf((int)inBatch, 0);
        }
    }

    /// <summary>
    /// Emits buffer slot <paramref name="slot"/> as the next row of the epoch: copied into the batch when it falls in
    /// this shard. Returns the batch when that row ends a global batch, else null.
    /// </summary>
    private Batch? Emit(int slot)
    {
        long position = _position++;
        if (Sharded && position >= _data.Count)
            throw new DataFormatException($"{_data.Chunks.Path}: an epoch read more than the {_data.Count} training rows counted; the file changed during training");
        int size = GlobalBatchSize(position);
        int j = (int)(position % _batchSize);
        var (from, to) = Shard(size);
        ShardArrays into = size == _batchSize ? _full! : _last ??= new ShardArrays(Shard(size), _width, _regression);
        if (j >= from && j < to)
        {
            int i = j - from;
            _bufferFeatures.AsSpan(slot * _width, _width).CopyTo(into.Features.AsSpan(i * _width, _width));
            if (_regression) into.Targets[i] = _bufferTargets![slot];
            else into.Labels[i] = _bufferLabels![slot];
        }
        if (j < size - 1) return null;
        return into.Batch;
    }

    /// <summary>
    /// Rows in the global batch holding epoch row <paramref name="position"/>: batchSize, or Count mod batchSize for
    /// the last batch. Unsharded, always batchSize: a final partial batch is cut where the stream ends instead.
    /// </summary>
    private int GlobalBatchSize(long position)
    {
        if (!Sharded) return _batchSize;
        int lastSize = _data.Count % _batchSize;
        return lastSize != 0 && position / _batchSize == _data.Count / _batchSize ? lastSize : _batchSize;
    }

    /// <summary>This shard's rows [From, To) of an n-row global batch, as <see cref="DataLoader"/> splits it.</summary>
    private (int From, int To) Shard(int n) => BatchShards.Rows(n, _shardIndex, _shardCount);

    /// <summary>
    /// Replays this epoch's draws on a clone of the Rng, with row numbers in place of rows, and marks the arrivals
    /// (training rows in chunk-shuffled order) that will be emitted into this shard.
    /// </summary>
    private BitArray MarkShardRows()
    {
        var rng = new Rng(0);
        rng.SetState(_rng.GetState());
        var mine = new BitArray(_data.Count);
        int[] arrivalOf = _arrivalOf ??= new int[_capacity];
        int filled = 0, arrival = 0;
        long position = 0;
        foreach (int chunk in rng.Permutation(_chunkRows.Length))
        {
            for (int t = 0; t < _chunkRows[chunk]; t++)
            {
                int slot = NextSlot(rng, ref filled, out bool evicts);
                if (evicts) Mark(mine, arrivalOf[slot], position++);
                if (arrival >= mine.Length)
                    throw new DataFormatException($"{_data.Chunks.Path}: its chunks hold more than the {_data.Count} training rows counted; the file changed during training");
                arrivalOf[slot] = arrival++;
            }
        }
        foreach (int slot in rng.Permutation(filled)) Mark(mine, arrivalOf[slot], position++);
        return mine;
    }

    /// <summary>
    /// The buffer slot the next arriving row takes: a free one while the buffer fills, then a random one whose row
    /// leaves first (<paramref name="evicts"/>). The epoch and its replay (<see cref="MarkShardRows"/>) both draw here,
    /// so they draw alike.
    /// </summary>
    private int NextSlot(Rng rng, ref int filled, out bool evicts)
    {
        evicts = filled >= _capacity;
        return evicts ? rng.NextInt(_capacity) : filled++;
    }

    private void Mark(BitArray mine, int arrival, long position)
    {
        var (from, to) = Shard(GlobalBatchSize(position));
        int j = (int)(position % _batchSize);
        if (j >= from && j < to) mine[arrival] = true;
    }

    /// <summary>The arrays of one shard size and the reused <see cref="Batch"/> over them (valid until the next batch).</summary>
    private sealed class ShardArrays
    {
        public ShardArrays((int From, int To) shard, int width, bool regression)
        {
            int rows = shard.To - shard.From;
            Features = new float[rows * width];
            Targets = regression ? new float[rows] : [];
            Labels = regression ? [] : new int[rows];
            Width = width;
            Regression = regression;
            Batch = regression
                ? new Batch(new Tensor(Features, rows, width), new Tensor(Targets, rows, 1)) { RowOffset = shard.From }
                : new Batch(new Tensor(Features, rows, width), Labels) { RowOffset = shard.From };
        }

        public float[] Features { get; }

        public float[] Targets { get; }

        public int[] Labels { get; }

        public int Width { get; }

        public bool Regression { get; }

        public Batch Batch { get; }

        /// <summary>A batch of its own over copies of the first <paramref name="rows"/> rows.</summary>
        public Batch CopyOf(int rows, int rowOffset)
        {
            var features = new Tensor(Features.AsSpan(0, rows * Width).ToArray(), rows, Width);
            return Regression
                ? new Batch(features, new Tensor(Targets.AsSpan(0, rows).ToArray(), rows, 1)) { RowOffset = rowOffset }
                : new Batch(features, Labels.AsSpan(0, rows).ToArray()) { RowOffset = rowOffset };
        }
    }
}
