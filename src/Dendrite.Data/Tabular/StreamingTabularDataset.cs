using Dendrite.Random;

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
    public IBatchSource Batches(int batchSize, Rng shuffle, int shardIndex = 0, int shardCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(shuffle);
        BatchShards.Check(shardIndex, shardCount);
        return new StreamingShardSource(this, batchSize, shuffle, shardIndex, shardCount);
    }

    /// <summary>The chunks of the file, for the batch source.</summary>
    internal TabularCsvChunks Chunks => _stream;

    /// <summary>Reads chunk <paramref name="chunk"/> and returns its training rows (frame row indices).</summary>
    internal (TabularFrame Frame, int[] Rows) ReadTrainingRows(int chunk)
    {
        TabularFrame frame = _stream.ReadFrame(chunk, _loading);
        var rows = new List<int>(frame.RowCount);
        for (int r = 0; r < frame.RowCount; r++)
            if (_isTrainingLine(frame.LineNumbers[r])) rows.Add(r);
        return (frame, rows.ToArray());
    }

    /// <summary>The preprocessed rows <paramref name="rows"/> of <paramref name="frame"/>.</summary>
    internal TabularDataset Transform(TabularFrame frame, int[] rows) => _preprocessor.Transform(frame, rows);
}
