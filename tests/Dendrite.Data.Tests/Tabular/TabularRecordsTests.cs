using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary><see cref="TabularCsv.FromRecords"/>: records given as fields read exactly as the same CSV file would be.</summary>
public sealed class TabularRecordsTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static readonly string[] Header = ["id", "size", "city", "y"];

    private static readonly string?[][] Records =
    [
        ["r1", "1.5", "north", "0.25"],
        ["r2", " 2.5 ", "  south", "1.75"],
        ["r3", "NA", "", "2.5"],
        ["r4", null, null, "3"],
        ["r5", "-1e3", "north", "-4"],
    ];

    private static string Csv(string?[] record) => string.Join(',', record.Select(f => f ?? ""));

    [Fact]
    public void FromRecords_GivesTheFrame_LoadGivesForTheSameCsv()
    {
        var options = new TabularCsvOptions { TargetColumn = "y", IdColumn = "id" };
        TabularFrame file = _csv.Load(options, [string.Join(',', Header), .. Records.Select(Csv)]);
        TabularFrame records = TabularCsv.FromRecords("request", Header, Records, options);

        Assert.Equal(file.Columns.Select(c => (c.Name, c.Kind)), records.Columns.Select(c => (c.Name, c.Kind)));
        for (int c = 0; c < file.Columns.Count; c++)
        {
            Assert.Equal(file.Columns[c].Values, records.Columns[c].Values);
            Assert.Equal(file.Columns[c].Numbers, records.Columns[c].Numbers);
        }
        Assert.Equal(file.Ids, records.Ids);
        Assert.Equal(file.Target!.Values, records.Target!.Values);
        Assert.Equal([1, 2, 3, 4, 5], records.LineNumbers);
    }

    [Fact]
    public void FromRecords_ReadsNullEmptyTextAndMissingMarkers_AsMissing()
    {
        TabularFrame frame = TabularCsv.FromRecords("rows", ["a", "b"], [["1", "x"], [null, "NA"], ["  ", "?"], ["nan", "y"]]);

        Assert.Equal([1, double.NaN, double.NaN, double.NaN], frame.Columns[0].Numbers!);
        Assert.Equal<string?>(new[] { "x", null, null, "y" }, frame.Columns[1].Values.AsEnumerable());
    }

    [Fact]
    public void FromRecords_DeclaredNumericColumnWithText_NamesTheRecordAndColumn()
    {
        var options = new TabularCsvOptions { ColumnKinds = new Dictionary<string, ColumnKind> { ["a"] = ColumnKind.Numeric } };

        var e = CsvFixture.AssertError("request", 2, "a",
            () => TabularCsv.FromRecords("request", ["a", "b"], [["1", "x"], ["one", "y"]], options));

        Assert.Equal("'one' is not a number (the column is declared numeric)", e.Problem);
    }

    [Fact]
    public void FromRecords_RecordOfTheWrongLength_NamesIt()
    {
        var e = CsvFixture.AssertError("rows", 2, null, () => TabularCsv.FromRecords("rows", ["a", "b"], [["1", "x"], ["2"]]));

        Assert.Contains("1 fields, expected 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRecords_DuplicateColumnName_IsRefused()
    {
        CsvFixture.AssertError("rows", 0, "a", () => TabularCsv.FromRecords("rows", ["a", "a"], [["1", "2"]]));
    }

    [Fact]
    public void FromRecords_NoRecords_IsRefused()
    {
        var e = CsvFixture.AssertError("rows", 0, null, () => TabularCsv.FromRecords("rows", ["a"], []));

        Assert.Equal("no records", e.Problem);
    }
}
