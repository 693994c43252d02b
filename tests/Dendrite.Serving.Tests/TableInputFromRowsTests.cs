using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

/// <summary>
/// <see cref="TableInput.FromRows"/> (a library helper in Dendrite.Training, tested here beside its one user while
/// the Training test project is being ported): named rows read exactly as <see cref="TableInput.LoadCsv"/> reads a file.
/// </summary>
public sealed class TableInputFromRowsTests : IDisposable
{
    private readonly ServingModels _models = new();

    public void Dispose() => _models.Dispose();

    private static Dictionary<string, string?> Row(params (string Key, string? Value)[] cells) => cells.ToDictionary(c => c.Key, c => c.Value);

    [Fact]
    public void FromRows_GivesTheFeaturesLoadCsvGivesForTheSameFile()
    {
        TrainedModel model = _models.Table(TaskKind.Regression);
        var table = (TableInput)model.Info.Input;
        var predictor = new Predictor(model);
        TabularFrame file = table.LoadCsv(_models.Write("size,id,city,y\n0.5,a,north,1\nNA,b,west,2\n, c ,,3\n1e2,d,south,4\n"));

        TabularFrame rows = table.FromRows(
        [
            Row(("size", "0.5"), ("id", "a"), ("city", "north")),
            Row(("size", "NA"), ("id", "b"), ("city", "west")),
            Row(("size", null), ("id", " c "), ("city", "")),
            Row(("size", "1e2"), ("id", "d"), ("city", "south"), ("y", "4")),
        ]);

        Assert.Equal(predictor.Features(file), predictor.Features(rows));
        Assert.Equal(file.Ids, rows.Ids);
        Assert.Null(rows.Target);
    }

    [Fact]
    public void FromRows_RowWithoutAFeatureColumn_NamesTheRowAndColumn()
    {
        var table = (TableInput)_models.Table(TaskKind.Regression).Info.Input;

        var e = Assert.Throws<CsvFormatException>(() => table.FromRows([Row(("size", "1"), ("city", "north")), Row(("size", "2"))], "request"));

        Assert.Equal(2, e.Line);
        Assert.Equal("city", e.Column);
        Assert.StartsWith("request line 2, column 'city'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRows_TextInANumericColumn_IsRefusedAsInACsv()
    {
        var table = (TableInput)_models.Table(TaskKind.Regression).Info.Input;

        var e = Assert.Throws<CsvFormatException>(() => table.FromRows([Row(("size", "big"), ("city", "north"))]));

        Assert.Equal(1, e.Line);
        Assert.Equal("size", e.Column);
        Assert.Contains("'big' is not a number", e.Problem, StringComparison.Ordinal);
    }
}
