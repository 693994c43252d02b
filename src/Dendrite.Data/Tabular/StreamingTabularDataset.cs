using System.Collections;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Data.Tabular;

/// <summary>
/// The training rows of a <see cref="TabularCsvChunks"/>, preprocessed chunk by chunk as each epoch reads them: the
/// chunks are visited in a shuffled order, and their rows pass through a shuffle buffer before they form batches.
/// </summary>
/// <remarks>
/// The shuffle is an approximation of a full permutation, in two seeded steps. (1) Chunk order: each epoch draws a new
/// permutation of the chunks. (2) Shuffle buffer: the first <see cref="ShuffleBufferRows"/> rows fill a buffer; after
/// that, each arriving row replaces a uniformly drawn buffered row, which is emitted; at the end the rest of the buffer
/// is emitted in a random order. Unlike a full shuffle, a row can only move about one buffer's length from its position
/// in the chunk-shuffled stream, so rows of the same chunk stay more often in nearby batches; files sorted by the
/// target or by time keep some of that order within a batch. Given the same Rng state the order is the same, so runs
/// and resumed runs are reproducible. Memory: the buffer (rows × features floats) plus one chunk.
/// </remarks>
public sealed class StreamingTabularDataset : IStreamingDataset
{
    /// <summary>65,536 rows: a few chunks' worth, a few megabytes of floats for tens of features.</summary>
    public const int DefaultShuffleBufferRows = 1 << 16;

    private readonly TabularCsvChunks _stream;
    private readonly TabularPreprocessor _preprocessor;
    private readonly TabularCsvOptions _loading;
    private readonly Func<int, bool> _isTrainingLine;

    /// <summary>The rows of <paramref name="stream"/> whose file line <paramref name="isTrainingLine"/> accepts.</summary>
    /// <param name="stream">The file.</param>
    /// <param name="preprocessor">Fitted on these rows (see <see cref="TabularCsvChunks.Fit"/>).</param>
    /// <param name="isTrainingLine">Which rows to train on.</param>
    /// <param name="count">How many rows it accepts (<see cref="TabularStreamFit.TrainingRows"/>).</param>
    /// <param name="shuffleBufferRows">Rows in the shuffle buffer, &gt; 0.</param>
    public StreamingTabularDataset(TabularCsvChunks stream, TabularPreprocessor preprocessor, Func<int, bool> isTrainingLine, int count,
        int shuffleBufferRows = DefaultShuffleBufferRows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(isTrainingLine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shuffleBufferRows);
        if (preprocessor.Target is null) throw new ArgumentException("the preprocessing was fitted without a target", nameof(preprocessor));
        _stream = stream;
        _preprocessor = preprocessor;
        _loading = preprocessor.ConfigureLoading(stream.Options);
        _isTrainingLine = isTrainingLine;
        Count = count;
        ShuffleBufferRows = shuffleBufferRows;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public int FeatureCount => _preprocessor.FeatureCount;

    /// <summary>Rows held in the shuffle buffer.</summary>
    public int ShuffleBufferRows { get; }

    /// <summary>True for a regression target, false for classes.</summary>
    public bool IsRegression => _preprocessor.Target!.Task == TaskKind.Regression;

    /// <inheritdoc/>
    public IBatchSource Batches(int batchSize, Rng shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(shuffle);
        return new Source(this, batchSize, shuffle);
    }

    private sealed class Source(StreamingTabularDataset data, int batchSize, Rng rng) : IBatchSource
    {
        private readonly int _width = data.FeatureCount;
        private readonly int _capacity = data.ShuffleBufferRows;
        private float[]? _bufferFeatures;
        private float[]? _bufferTargets;
        private int[]? _bufferLabels;
        private float[]? _batchFeatures;
        private float[]? _batchTargets;
        private int[]? _batchLabels;
        private Batch? _full;
        private int _filled;

        public int SampleCount => data.Count;

        public IEnumerator<Batch> GetEnumerator() => Epoch().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<Batch> Epoch()
        {
            bool regression = data.IsRegression;
            _bufferFeatures ??= new float[_capacity * _width];
            if (regression) _bufferTargets ??= new float[_capacity];
            else _bufferLabels ??= new int[_capacity];
            _filled = 0;
            // Allocated once per source: the reused full Batch wraps them.
            float[] batchFeatures = _batchFeatures ??= new float[batchSize * _width];
            float[] batchTargets = _batchTargets ??= new float[batchSize];
            int[] batchLabels = _batchLabels ??= new int[batchSize];
            int inBatch = 0;

            int[] order = new int[data._stream.ChunkCount];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            rng.Shuffle(order.AsSpan());
            foreach (int chunk in order)
            {
                TabularFrame frame = data._stream.ReadFrame(chunk, data._loading);
                var rows = new List<int>(frame.RowCount);
                for (int r = 0; r < frame.RowCount; r++)
                    if (data._isTrainingLine(frame.LineNumbers[r])) rows.Add(r);
                if (rows.Count == 0) continue;
                TabularDataset part = data._preprocessor.Transform(frame, rows.ToArray());
                for (int i = 0; i < part.Count; i++)
                {
                    int slot;
                    if (_filled < _capacity)
                    {
                        slot = _filled++;
                    }
                    else
                    {
                        slot = rng.NextInt(_capacity);
                        if (Emit(slot, batchFeatures, batchTargets, batchLabels, ref inBatch)) yield return Full(batchFeatures, batchTargets, batchLabels, regression);
                    }
                    part.Features.AsSpan(i * _width, _width).CopyTo(_bufferFeatures.AsSpan(slot * _width, _width));
                    if (regression) _bufferTargets![slot] = part.Targets![i];
                    else _bufferLabels![slot] = part.Labels![i];
                }
            }
            int[] rest = new int[_filled];
            for (int i = 0; i < rest.Length; i++) rest[i] = i;
            rng.Shuffle(rest.AsSpan());
            foreach (int slot in rest)
                if (Emit(slot, batchFeatures, batchTargets, batchLabels, ref inBatch)) yield return Full(batchFeatures, batchTargets, batchLabels, regression);
            if (inBatch > 0)
            {
                // The last, partial batch gets its own arrays (a Batch's size is its arrays' length).
                var features = new Tensor(batchFeatures.AsSpan(0, inBatch * _width).ToArray(), inBatch, _width);
                yield return regression
                    ? new Batch(features, new Tensor(batchTargets.AsSpan(0, inBatch).ToArray(), inBatch, 1))
                    : new Batch(features, batchLabels.AsSpan(0, inBatch).ToArray());
            }
        }

        /// <summary>Copies buffer slot <paramref name="slot"/> into the batch; true when the batch is full.</summary>
        private bool Emit(int slot, float[] features, float[] targets, int[] labels, ref int inBatch)
        {
            _bufferFeatures.AsSpan(slot * _width, _width).CopyTo(features.AsSpan(inBatch * _width, _width));
            if (_bufferTargets is not null) targets[inBatch] = _bufferTargets[slot];
            else labels[inBatch] = _bufferLabels![slot];
            inBatch++;
            if (inBatch < batchSize) return false;
            inBatch = 0;
            return true;
        }

        /// <summary>The full batch over the batch arrays (one Batch object, reused: valid until the next batch).</summary>
        private Batch Full(float[] features, float[] targets, int[] labels, bool regression) =>
            _full ??= regression
                ? new Batch(new Tensor(features, batchSize, _width), new Tensor(targets, batchSize, 1))
                : new Batch(new Tensor(features, batchSize, _width), labels);
    }
}
