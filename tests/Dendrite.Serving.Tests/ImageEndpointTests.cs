using System.Globalization;
using System.Net;
using System.Text.Json;
using Dendrite.Random;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

public sealed class ImageEndpointTests : IDisposable
{
    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task Predict_ImageRows_AnswerExactlyWhatPredictorPredicts()
    {
        TrainedModel model = _models.Image();
        float[] pixels = ServingModels.Pixels(new Rng(1), 5);
        Prediction[] expected = new Predictor(model).Predict(pixels, 5);
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.PostAsync(Bodies.ImageRows(pixels, 0, 5));

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement[] predictions = [.. body.GetProperty("predictions").EnumerateArray()];
        Assert.Equal(5, predictions.Length);
        for (int i = 0; i < 5; i++) Bodies.AssertSame(expected[i], predictions[i], model.Info.ClassNames!);
        Assert.Empty(server.Log);
    }

    [Fact]
    public async Task Predict_ImageRows_AnswerWhatThePredictCommandWritesForTheSameCsv()
    {
        TrainedModel model = _models.Image();
        const int count = 6;
        float[] pixels = ServingModels.Pixels(new Rng(12), count);
        string csv = _models.Write(string.Concat(Enumerable.Range(0, count).Select(r =>
            string.Join(',', pixels.AsSpan(r * 784, 784).ToArray().Select(p => p.ToString(CultureInfo.InvariantCulture))) + "\n")));
        string written = _models.Combine("predictions.csv");
        int code = Cli.Cli.Run(["predict", model.Source, csv, "--top", "10", "--out", written], TextWriter.Null, TextWriter.Null,
            new Cli.CliServices((_, _) => throw new InvalidOperationException("no data set")));
        Assert.Equal(Cli.Cli.Success, code);
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.PostAsync(Bodies.ImageRows(pixels, 0, count));

        Assert.Equal(HttpStatusCode.OK, status);
        string[][] lines = [.. File.ReadAllLines(written).Skip(1).Select(l => l.Split(','))];
        for (int i = 0; i < count; i++)
        {
            JsonElement answer = body.GetProperty("predictions")[i];
            Assert.Equal(lines[i][1], answer.GetProperty("class").GetString());
            for (int j = 0; j < 10; j++)
            {
                float p = float.Parse(lines[i][3 + 2 * j], CultureInfo.InvariantCulture);
                Assert.Equal(p, answer.GetProperty("probabilities").GetProperty(lines[i][2 + 2 * j]).GetSingle());
            }
        }
    }

    [Fact]
    public async Task Predict_EmptyRows_AnswersNoPredictions()
    {
        await using var server = await RunningServer.StartAsync(_models.Image());

        var (status, body) = await server.PostAsync("{\"rows\":[]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task Predict_IgnoresOtherKeysOfTheBody()
    {
        TrainedModel model = _models.Image();
        float[] pixels = ServingModels.Pixels(new Rng(2), 1);
        await using var server = await RunningServer.StartAsync(model);

        string rows = Bodies.ImageRows(pixels, 0, 1);
        var (status, body) = await server.PostAsync("{\"request_id\":{\"a\":[1,2]}," + rows[1..]);

        Assert.Equal(HttpStatusCode.OK, status);
        Bodies.AssertSame(new Predictor(model).Predict(pixels, 1)[0], body.GetProperty("predictions")[0], model.Info.ClassNames!);
    }

    [Fact]
    public async Task Metadata_DescribesTheArchitectureTaskClassesAndInput()
    {
        TrainedModel model = _models.Image();
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.GetAsync("/metadata");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(model.Source, body.GetProperty("model").GetString());
        Assert.Equal("784-32-10", body.GetProperty("architecture").GetString());
        Assert.Equal("sequential", body.GetProperty("layers").GetProperty("type").GetString());
        Assert.Equal("classification", body.GetProperty("task").GetString());
        Assert.Equal(model.Info.ClassNames!, body.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!));
        JsonElement input = body.GetProperty("input");
        Assert.Equal("image", input.GetProperty("kind").GetString());
        Assert.Equal(784, input.GetProperty("features").GetInt32());
        Assert.Equal(28, input.GetProperty("height").GetInt32());
        Assert.Equal(28, input.GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task Healthz_IsOk_AndCountsRequestsRowsAndBatches()
    {
        TrainedModel model = _models.Image();
        await using var server = await RunningServer.StartAsync(model);
        await server.PostAsync(Bodies.ImageRows(ServingModels.Pixels(new Rng(3), 3), 0, 3));

        var (status, body) = await server.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("requests").GetInt64());
        Assert.Equal(3, body.GetProperty("rows").GetInt64());
        Assert.Equal(1, body.GetProperty("batches").GetInt64());
    }
}
