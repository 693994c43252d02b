using System.Buffers;
using System.Threading.Channels;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Serving;

/// <summary>
/// Gathers the rows of concurrent requests into one <see cref="Predictor.Outputs"/> call and hands each request its
/// own predictions back. One loop takes a batch at a time: whatever is queued when it wakes (requests that arrived
/// while the previous batch ran), then, while the batch has room and other requests have announced themselves (their
/// bodies are being read, see <see cref="Announce"/>), whatever arrives within the window. A lone client never waits;
/// under load the batches grow by themselves.
/// </summary>
/// <remarks>
/// The forward pass of a small batch costs little more than that of one row (the weights are read once either way),
/// while the HTTP work of each request runs on the other threads; fewer, larger batches also mean fewer thread
/// hand-offs. Waiting only for announced requests matters because a fixed window costs every request the whole
/// window whenever nobody else is coming (measured here: a 1 ms window gave a lone client a 4 ms p50, the timer being
/// that coarse). A request is never split: one larger than the row limit forms a batch of its own (the predictor
/// chunks it). A row's answer does not depend on the other rows of its batch, except in the last bits of its
/// probabilities: the GEMM sums in a different order for one row (a GEMV), for a few and for many (a narrow output is
/// computed transposed), as <c>predict</c> does for files of different sizes.
/// </remarks>
internal sealed class MicroBatcher : IAsyncDisposable
{
    private readonly Predictor _predictor;
    private readonly int _maxRows;
    private readonly TimeSpan _window;
    private readonly Channel<BatchJob> _jobs = Channel.CreateUnbounded<BatchJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _batches, _rows, _requests;
    private int _announced;

    public MicroBatcher(Predictor predictor, int maxBatchRows, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        _predictor = predictor;
        _maxRows = maxBatchRows;
        _window = window;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Forward passes run so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Rows predicted so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Says that a request will bring rows soon (its body is being read), so that a batch with room waits for it, up
    /// to the window. Dispose the announcement when the request will not come (a bad body), or pass it to
    /// <see cref="PredictAsync"/>.
    /// </summary>
    public BatchAnnouncement Announce()
    {
        Interlocked.Increment(ref _announced);
        return new BatchAnnouncement(() => Interlocked.Decrement(ref _announced));
    }

    /// <summary>The predictions for <paramref name="count"/> rows of network input, computed in some batch.</summary>
    /// <param name="features">count × the model's input width, in the network's form.</param>
    /// <param name="count">Rows.</param>
    /// <param name="announcement">This request's <see cref="Announce"/>, ended here, or null.</param>
    public Task<Prediction[]> PredictAsync(float[] features, int count, BatchAnnouncement? announcement = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        // Withdrawn before the job is queued, never after: a batch that saw the job still announced would wait for it
        // in vain. The other order only costs batching: the job may miss the batch being gathered and start the next.
        announcement?.Dispose();
        if (count == 0) return Task.FromResult(Array.Empty<Prediction>());
        var job = new BatchJob(features, count);
        ObjectDisposedException.ThrowIf(!_jobs.Writer.TryWrite(job), this);
        return job.Done.Task;
    }

    private async Task RunAsync()
    {
        ChannelReader<BatchJob> reader = _jobs.Reader;
        var batch = new List<BatchJob>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            int rows = Drain(reader, batch, 0);
            if (rows < _maxRows && _window > TimeSpan.Zero && Volatile.Read(ref _announced) > 0)
                rows = await LingerAsync(reader, batch, rows).ConfigureAwait(false);
            Run(batch, rows);
            batch.Clear();
        }
    }

    /// <summary>Takes queued jobs until the batch is full or the queue is empty; returns the batch's rows.</summary>
    private int Drain(ChannelReader<BatchJob> reader, List<BatchJob> batch, int rows)
    {
        while (rows < _maxRows && reader.TryRead(out BatchJob? job))
        {
            batch.Add(job);
            rows += job.Count;
        }
        return rows;
    }

    /// <summary>
    /// Keeps the batch open for the window, taking jobs as they arrive, until it is full or no announced request is
    /// left (one withdrawn without a job ends the wait only when the window does).
    /// </summary>
    private async Task<int> LingerAsync(ChannelReader<BatchJob> reader, List<BatchJob> batch, int rows)
    {
        using var timeout = new CancellationTokenSource(_window);
        try
        {
            while (rows < _maxRows && Volatile.Read(ref _announced) > 0 && await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                rows = Drain(reader, batch, rows);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The window closed: run what has been gathered.
        }
        return rows;
    }

    private void Run(List<BatchJob> batch, int rows)
    {
        int width = _predictor.InputWidth;
        float[] input = ArrayPool<float>.Shared.Rent(rows * width);
        try
        {
            int offset = 0;
            foreach (BatchJob job in batch)
            {
                job.Features.CopyTo(input.AsSpan(offset));
                offset += job.Features.Length;
            }
            float[] outputs = _predictor.Outputs(input.AsSpan(0, rows * width), rows);
            int w = _predictor.OutputWidth, row = 0;
            foreach (BatchJob job in batch)
            {
                job.Done.TrySetResult(_predictor.Interpret(outputs.AsSpan(row * w, job.Count * w), job.Count));
                row += job.Count;
            }
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _rows, rows);
            Interlocked.Add(ref _requests, batch.Count);
        }
        catch (Exception e)
        {
            // A failure here is a bug (the input was checked when the request was read): every waiting request
            // fails with it, and the loop lives on for the next batch.
            foreach (BatchJob job in batch) job.Done.TrySetException(e);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>Stops taking requests and lets the queued ones finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
