using System.Net;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

public sealed class TableEndpointTests : IDisposable
{
    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    /// <summary>Numbers as JSON numbers and as text, a missing-value marker, null, an unseen category, padding and an extra key.</summary>
    private const string Rows = """
        {"rows":[
          {"id":"n1","size":0.5,"city":"north"},
          {"id":"n2","size":"-1.25","city":"west"},
          {"id":"n3","size":"NA","city":"south"},
          {"id":"n4","size":2,"city":null},
          {"id":"n5","size":null,"city":" east ","extra":"x"}
        ]}
        """;

    /// <summary>The same rows as a CSV for predict.</summary>
    private const string Csv = "id,size,city,extra\nn1,0.5,north,\nn2,-1.25,west,\nn3,NA,south,\nn4,2,,\nn5,, east ,x\n";

    private Prediction[] PredictCsv(TrainedModel model)
    {
        var table = (TableInput)model.Info.Input;
        return new Predictor(model).PredictTable(table.LoadCsv(_models.Write(Csv)));
    }

    [Fact]
    public async Task Predict_TableClassifierRows_AnswerWhatPredictGivesForTheSameCsv()
    {
        TrainedModel model = _models.Table(TaskKind.Classification);
        Prediction[] expected = PredictCsv(model);
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.PostAsync(Rows);

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement[] predictions = [.. body.GetProperty("predictions").EnumerateArray()];
        Assert.Equal(5, predictions.Length);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal($"n{i + 1}", predictions[i].GetProperty("id").GetString());
            Bodies.AssertSame(expected[i], predictions[i], model.Info.ClassNames!);
        }
    }

    [Fact]
    public async Task Predict_TableRegressorRows_AnswerTheValueInTargetUnits()
    {
        TrainedModel model = _models.Table(TaskKind.Regression);
        Prediction[] expected = PredictCsv(model);
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.PostAsync(Rows);

        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement[] predictions = [.. body.GetProperty("predictions").EnumerateArray()];
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i].Values![0], predictions[i].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Predict_TableRowsWithoutTheIdColumn_AnswerWithoutIds()
    {
        TrainedModel model = _models.Table(TaskKind.Regression);
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.PostAsync("""{"rows":[{"size":1,"city":"north"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("predictions")[0].TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Metadata_OfATableModel_ListsColumnsWithKindsAndCategories()
    {
        TrainedModel model = _models.Table(TaskKind.Classification);
        await using var server = await RunningServer.StartAsync(model);

        var (status, body) = await server.GetAsync("/metadata");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("classification", body.GetProperty("task").GetString());
        Assert.Equal("label", body.GetProperty("target").GetString());
        Assert.Equal(["big", "small"], body.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!));
        JsonElement input = body.GetProperty("input");
        Assert.Equal("table", input.GetProperty("kind").GetString());
        Assert.Equal("id", input.GetProperty("id_column").GetString());
        JsonElement[] columns = [.. input.GetProperty("columns").EnumerateArray()];
        Assert.Equal(["city", "size"], columns.Select(c => c.GetProperty("name").GetString()!));
        Assert.Equal("categorical", columns[0].GetProperty("kind").GetString());
        Assert.Equal(["east", "north", "south"], columns[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).Order());
        Assert.Equal("numeric", columns[1].GetProperty("kind").GetString());
        Assert.False(columns[1].TryGetProperty("categories", out _));
        var preprocessor = ((TableInput)model.Info.Input).Preprocessor;
        Assert.Equal(preprocessor.FeatureCount, input.GetProperty("features").GetInt32());
    }
}
