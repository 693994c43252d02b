using Dendrite.Cli.Serving;
using Dendrite.Random;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

public sealed class MicroBatcherTests : IDisposable
{
    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task AnnouncedRequests_ShareOneForwardPass_AndEachGetsItsOwnRows()
    {
        var predictor = new Predictor(_models.Image());
        float[] pixels = ServingModels.Pixels(new Rng(6), 5);
        Prediction[] expected = predictor.Predict(pixels, 5);
        // The batch closes when no announced request is left; the long window only makes sure it waits for them all.
        await using var batcher = new MicroBatcher(predictor, maxBatchRows: 64, TimeSpan.FromSeconds(30));
        BatchAnnouncement[] announced = [.. Enumerable.Range(0, 5).Select(_ => batcher.Announce())];

        Task<Prediction[]>[] answers = [.. Enumerable.Range(0, 5).Select(i => batcher.PredictAsync(predictor.Features(pixels.AsSpan(i * 784, 784), 1), 1, announced[i]))];
        Prediction[][] results = await Task.WhenAll(answers);

        Assert.Equal(1, batcher.Batches);
        Assert.Equal(5, batcher.Requests);
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i].Probabilities, Assert.Single(results[i]).Probabilities);
    }

    [Fact]
    public async Task ALoneRequest_DoesNotWaitForTheWindow()
    {
        var predictor = new Predictor(_models.Image());
        await using var batcher = new MicroBatcher(predictor, maxBatchRows: 64, TimeSpan.FromMinutes(10));
        BatchAnnouncement announcement = batcher.Announce();

        Task<Prediction[]> answer = batcher.PredictAsync(predictor.Features(ServingModels.Pixels(new Rng(7), 1), 1), 1, announcement);

        // Not a timing measurement: only that nothing waits for the ten-minute window when no one else is announced.
        Assert.Single(await answer.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task AWithdrawnAnnouncement_HoldsABatchNoLongerThanTheWindow()
    {
        var predictor = new Predictor(_models.Image());
        await using var batcher = new MicroBatcher(predictor, maxBatchRows: 64, TimeSpan.FromMilliseconds(50));
        BatchAnnouncement comes = batcher.Announce();
        using BatchAnnouncement neverComes = batcher.Announce();

        Task<Prediction[]> answer = batcher.PredictAsync(predictor.Features(ServingModels.Pixels(new Rng(7), 1), 1), 1, comes);

        Assert.Single(await answer.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(1, batcher.Batches);
    }

    [Fact]
    public async Task ARequestLargerThanTheBatchLimit_RunsWhole()
    {
        var predictor = new Predictor(_models.Image());
        float[] pixels = ServingModels.Pixels(new Rng(8), 40);
        await using var batcher = new MicroBatcher(predictor, maxBatchRows: 8, TimeSpan.Zero);

        Prediction[] result = await batcher.PredictAsync(predictor.Features(pixels, 40), 40);

        Assert.Equal(predictor.Predict(pixels, 40).Select(p => p.Probabilities), result.Select(p => p.Probabilities));
        Assert.Equal(1, batcher.Batches);
    }

    [Fact]
    public async Task AfterDispose_TheQueuedRequestsAreAnswered_AndNewOnesRefused()
    {
        var predictor = new Predictor(_models.Image());
        float[] features = predictor.Features(ServingModels.Pixels(new Rng(9), 1), 1);
        var batcher = new MicroBatcher(predictor, 4, TimeSpan.Zero);
        Task<Prediction[]> queued = batcher.PredictAsync(features, 1);

        await batcher.DisposeAsync();

        Assert.Single(await queued);
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.PredictAsync(features, 1); });
    }
}
