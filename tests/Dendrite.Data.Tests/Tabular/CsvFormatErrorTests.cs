using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>Every bad CSV fails with a <see cref="CsvFormatException"/> naming the file, line and column.</summary>
public sealed class CsvFormatErrorTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static TabularCsvOptions Target(string name = "y") => new() { TargetColumn = name };

    [Fact]
    public void RowWithTooFewFields_NamesTheLineAndTheFirstMissingColumn()
    {
        string path = _csv.Write("a,b,c,y", "1,2,3,0.5", "4,5,6,1.5", "7,8");

        var e = CsvFixture.AssertError(path, 4, "c", () => TabularCsv.Load(path, Target()));
        Assert.Contains("2 fields, expected 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowWithTooManyFields_NamesTheLineAndTheLastColumn()
    {
        string path = _csv.Write("a,y", "1,0.5", "2,1.5,9", "3,2.5");

        var e = CsvFixture.AssertError(path, 3, "y", () => TabularCsv.Load(path, Target()));
        Assert.Contains("3 fields, expected 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RaggedRow_AfterAMultiLineQuotedField_ReportsThePhysicalLine()
    {
        string path = _csv.Write("a,y", "\"two\nlines\",0.5", "x,1.5", "z");

        CsvFixture.AssertError(path, 5, "y", () => TabularCsv.Load(path, Target()));
    }

    [Fact]
    public void TextInADeclaredNumericColumn_NamesLineColumnAndValue()
    {
        string path = _csv.Write("a,b,y", "1,x,0.5", "2,y,1.5", "3,abc,2.5");
        var options = Target() with { ColumnKinds = new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Numeric } };

        var e = CsvFixture.AssertError(path, 2, "b", () => TabularCsv.Load(path, options));
        Assert.Contains("'x' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextInAMostlyNumericColumn_IsReportedAsATypo()
    {
        string[] lines = ["Id,LotArea,y", .. Enumerable.Range(0, 20).Select(i => $"{i},{(i == 15 ? "abc" : (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))},{i}.5")];
        string path = _csv.Write(lines);

        var e = CsvFixture.AssertError(path, 17, "LotArea", () => TabularCsv.Load(path, Target()));
        Assert.Contains("'abc' is not a number (the column is numeric elsewhere", e.Message, StringComparison.Ordinal);

        // Declaring the column categorical accepts it.
        TabularFrame frame = TabularCsv.Load(path, Target() with { ColumnKinds = new Dictionary<string, ColumnKind> { ["LotArea"] = ColumnKind.Categorical } });
        Assert.Equal(ColumnKind.Categorical, frame.FindColumn("LotArea")!.Kind);
    }

    [Fact]
    public void TextInAMostlyNumericTarget_IsReportedAsATypo()
    {
        string[] lines = ["a,y", .. Enumerable.Range(0, 10).Select(i => $"{i},{(i == 3 ? "oops" : $"{i}.5")}")];
        string path = _csv.Write(lines);

        CsvFixture.AssertError(path, 5, "y", () => TabularCsv.Load(path, Target()));
    }

    [Fact]
    public void TextTarget_ForcedToRegression_NamesTheLine()
    {
        string path = _csv.Write("a,y", "1,0.5", "2,cat", "3,dog");

        CsvFixture.AssertError(path, 3, "y", () => TabularCsv.Load(path, Target() with { Task = TaskKind.Regression }));
    }

    [Fact]
    public void EmptyFile_IsRejected()
    {
        string path = _csv.Write("");

        var e = CsvFixture.AssertError(path, 0, null, () => TabularCsv.Load(path, Target()));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderOnlyFile_IsRejected_NamingTheHeaderLine()
    {
        string path = _csv.Write("a,b,y");

        var e = CsvFixture.AssertError(path, 1, null, () => TabularCsv.Load(path, Target()));
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTargetColumn_ListsTheAvailableColumns()
    {
        string path = _csv.Write("a,b,SalePrice", "1,2,3.5");

        var e = CsvFixture.AssertError(path, 1, "Price", () => TabularCsv.Load(path, Target("Price")));
        Assert.Contains("available columns: 'a', 'b', 'SalePrice'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingIdColumnOrOverrideColumn_IsRejected()
    {
        string path = _csv.Write("a,y", "1,0.5");

        CsvFixture.AssertError(path, 1, "Id", () => TabularCsv.Load(path, Target() with { IdColumn = "Id" }));
        CsvFixture.AssertError(path, 1, "b", () => TabularCsv.Load(path, Target() with { ColumnKinds = new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Ignore } }));
    }

    [Fact]
    public void DuplicateColumnNames_AreRejected()
    {
        string path = _csv.Write("a,b,a,y", "1,2,3,0.5");

        var e = CsvFixture.AssertError(path, 1, "a", () => TabularCsv.Load(path, Target()));
        Assert.Contains("fields 1 and 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyColumnName_IsRejected()
    {
        string path = _csv.Write(",a,y", "0,1,0.5");

        CsvFixture.AssertError(path, 1, "#1", () => TabularCsv.Load(path, Target()));
    }

    [Fact]
    public void MissingTargetValue_NamesTheLine_AndSuggestsSkipping()
    {
        string path = _csv.Write("a,y", "1,0.5", "2,1.5", "3,NA", "4,2.5");

        var e = CsvFixture.AssertError(path, 4, "y", () => TabularCsv.Load(path, Target()));
        Assert.Contains("skip rows with a missing target", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantColumn_IsRejectedAtFit_NamingTheColumn()
    {
        string path = _csv.Write("a,flat,cat,y", "1,5,x,0.5", "2,5.0,x,1.5", "3,,x,2.5");
        TabularFrame frame = TabularCsv.Load(path, Target());

        var e = CsvFixture.AssertError(path, 0, "flat", () => TabularPreprocessor.Fit(frame));
        Assert.Contains("lines 2 to 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("constant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantCategoricalColumn_IsRejectedAtFit()
    {
        string path = _csv.Write("a,cat,y", "1,x,0.5", "2,x,1.5", "3,x,2.5");
        TabularFrame frame = TabularCsv.Load(path, Target());

        CsvFixture.AssertError(path, 0, "cat", () => TabularPreprocessor.Fit(frame));
    }

    [Fact]
    public void MalformedQuoting_NamesTheLine()
    {
        string path = _csv.Write("a,y", "1,0.5", "\"open,1.5", "3,2.5");

        var e = Assert.Throws<CsvFormatException>(() => TabularCsv.Load(path, Target()));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void NoFeatureColumns_IsRejected()
    {
        string path = _csv.Write("Id,y", "1,0.5", "2,1.5");

        Assert.Throws<CsvFormatException>(() => TabularCsv.Load(path, Target() with { IdColumn = "Id" }));
    }

    [Fact]
    public void MissingFile_IsADatasetNotFoundError()
    {
        Assert.Throws<DatasetNotFoundException>(() => TabularCsv.Load("/nonexistent/dendrite/data.csv", Target()));
    }
}
