using System.Net;
using System.Text.Json;
using Dendrite.Cli.Serving;
using Dendrite.Random;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

/// <summary>
/// A bounded load on loopback: concurrent clients, each sending a fixed number of requests of a few rows, and every
/// answer checked against the predictor's own prediction for those rows (to the last bits, which depend on the size
/// of the batch a row shared). Counts are fixed, so the test ends by itself; no timing is asserted.
/// </summary>
public sealed class LoadTests : IDisposable
{
    private const int Clients = 16;
    private const int RequestsPerClient = 25;

    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public async Task ConcurrentClients_EveryAnswerIsThePredictorsPrediction(double windowMs)
    {
        TrainedModel model = _models.Image();
        const int pool = 64;
        float[] pixels = ServingModels.Pixels(new Rng(5), pool);
        Prediction[] expected = new Predictor(model).Predict(pixels, pool);
        await using var server = await RunningServer.StartAsync(model, o => o with { BatchWindow = TimeSpan.FromMilliseconds(windowMs), MaxBatchRows = 32 });

        int answered = 0, rows = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var rng = new Rng((ulong)(100 + c));
            for (int r = 0; r < RequestsPerClient; r++)
            {
                int count = 1 + (int)(rng.NextDouble() * 4);
                int first = (int)(rng.NextDouble() * (pool - count));
                var (status, body) = await server.PostAsync(Bodies.ImageRows(pixels, first, count));
                Assert.Equal(HttpStatusCode.OK, status);
                JsonElement predictions = body.GetProperty("predictions");
                Assert.Equal(count, predictions.GetArrayLength());
                for (int i = 0; i < count; i++) Bodies.AssertClose(expected[first + i], predictions[i], model.Info.ClassNames!);
                Interlocked.Increment(ref answered);
                Interlocked.Add(ref rows, count);
            }
        })));

        Assert.Equal(Clients * RequestsPerClient, answered);
        MicroBatcher batcher = server.Server.Batcher;
        Assert.Equal(answered, batcher.Requests);
        Assert.Equal(rows, batcher.Rows);
        Assert.InRange(batcher.Batches, 1, batcher.Requests);
        Assert.Empty(server.Log);
    }

    [Fact]
    public async Task ConcurrentTableClients_EveryAnswerIsPredictTablesPrediction()
    {
        TrainedModel model = _models.Table(Dendrite.Data.TaskKind.Classification);
        var predictor = new Predictor(model);
        var table = (TableInput)model.Info.Input;
        string[] cities = ["north", "south", "east", "west", ""];
        await using var server = await RunningServer.StartAsync(model);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var rng = new Rng((ulong)(200 + c));
            for (int r = 0; r < 20; r++)
            {
                var row = new Dictionary<string, string?>
                {
                    ["id"] = $"c{c}r{r}",
                    ["size"] = (rng.NextNormal() * 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    ["city"] = cities[(int)(rng.NextDouble() * cities.Length)],
                };
                Prediction want = predictor.PredictTable(table.FromRows([row]))[0];
                string json = JsonSerializer.Serialize(new { rows = new[] { row } });
                var (status, body) = await server.PostAsync(json);
                Assert.Equal(HttpStatusCode.OK, status);
                JsonElement got = body.GetProperty("predictions")[0];
                Assert.Equal(row["id"], got.GetProperty("id").GetString());
                Bodies.AssertClose(want, got, model.Info.ClassNames!);
            }
        })));
        Assert.Empty(server.Log);
    }
}
