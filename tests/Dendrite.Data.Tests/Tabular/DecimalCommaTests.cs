using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// European spreadsheets export ';'-separated files with decimal commas ("1,5;2,25"). Such numbers must not become
/// categories or classes silently: where reading them as numbers fails, the error says "decimal commas?".
/// </summary>
public sealed class DecimalCommaTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static TabularCsvOptions Target => new() { TargetColumn = "y" };

    [Fact]
    public void FeatureColumnOfDecimalCommas_FailsWithTheHint_InsteadOfBecomingCategorical()
    {
        string path = _csv.Write("area;rooms;y", "1,5;2;0.5", "2,25;3;1.5", "3,75;4;2.5");

        var e = CsvFixture.AssertError(path, 2, "area", () => TabularCsv.Load(path, Target));

        Assert.Contains("'1,5' is not a number (3 of 3 values have a decimal comma)", e.Message, StringComparison.Ordinal);
        Assert.Contains("decimal commas?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetOfDecimalCommas_FailsWithTheHint_InsteadOfBecomingOneClassPerValue()
    {
        string path = _csv.Write("x;y", "1;1,5", "2;2,25", "3;3,75");

        var e = CsvFixture.AssertError(path, 2, "y", () => TabularCsv.Load(path, Target));

        Assert.Contains("decimal commas?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForcedRegressionTargetWithADecimalComma_CarriesTheHint()
    {
        string path = _csv.Write("x;y", "1;1.5", "2;2,25");

        var e = CsvFixture.AssertError(path, 3, "y", () => TabularCsv.Load(path, Target with { Task = TaskKind.Regression }));

        Assert.Contains("decimal commas?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneDecimalCommaInANumericColumn_CarriesTheHint()
    {
        string[] lines = ["x;y", .. Enumerable.Range(0, 20).Select(i => $"{(i == 4 ? "4,5" : $"{i}.5")};{i}")];
        string path = _csv.Write(lines);

        var e = CsvFixture.AssertError(path, 6, "x", () => TabularCsv.Load(path, Target));

        Assert.Contains("numeric elsewhere", e.Message, StringComparison.Ordinal);
        Assert.Contains("decimal commas?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecimalCommaInAColumnThatWasNumericInTraining_CarriesTheHint()
    {
        TabularPreprocessor pre = TabularPreprocessor.Fit(_csv.Load(Target, "x;y", "1.5;1", "2.5;2"));
        string path = _csv.Write("x;y", "1,5;1");

        // Loaded as the training file was (the column declared numeric), so the value fails at load.
        var e = CsvFixture.AssertError(path, 2, "x", () => TabularCsv.Load(path, pre.ConfigureLoading(Target)));

        Assert.Contains("decimal commas?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnDeclaredCategorical_KeepsItsCommaValues()
    {
        var options = Target with { ColumnKinds = new Dictionary<string, ColumnKind> { ["code"] = ColumnKind.Categorical } };

        TabularFrame frame = _csv.Load(options, "code;y", "1,5;1.5", "2,25;2.5");

        Assert.Equal(ColumnKind.Categorical, frame.Columns[0].Kind);
        Assert.Equal(new string?[] { "1,5", "2,25" }, frame.Columns[0].Values);
    }

    [Fact]
    public void TextColumnWithAFewCommaNumbers_StaysCategorical()
    {
        TabularFrame frame = _csv.Load(Target, "label;y", "red;1.5", "green;2.5", "blue;3.5", "1,5;4.5");

        Assert.Equal(ColumnKind.Categorical, frame.Columns[0].Kind);
    }
}
