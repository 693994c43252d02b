using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

public sealed class TabularCsvTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Load_DetectsTheDelimiter_FromTheFirstLines(char d)
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" },
            $"a{d}b{d}y", $"1.5{d}x{d}0.25", $"2.5{d}z{d}1.75", $"3{d}x{d}2.5");

        Assert.Equal(d, frame.Delimiter);
        Assert.Equal(["a", "b"], frame.Columns.Select(c => c.Name));
        Assert.Equal([1.5, 2.5, 3], frame.Columns[0].Numbers!);
        Assert.Equal([0.25f, 1.75f, 2.5f], frame.Target!.Values!);
    }

    [Fact]
    public void Load_DelimiterDetection_IsNotFooledByDecimalCommasInsideSemicolonFiles()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y", ColumnKinds = new Dictionary<string, ColumnKind> { ["a"] = ColumnKind.Categorical } },
            "a;b;y", "1,5;2;0.5", "2,5;3;1.5", "3,5;4;2.25");

        Assert.Equal(';', frame.Delimiter);
        Assert.Equal<string?>(new[] { "1,5", "2,5", "3,5" }, frame.Columns[0].Values.AsEnumerable());
    }

    [Fact]
    public void Load_DelimiterOverride_WinsOverDetection()
    {
        // Detection would pick the comma (two per line); the override makes the semicolon the separator. (Text values:
        // "1,2" there would be a number with a decimal comma, refused with a hint.)
        TabularFrame frame = _csv.Load(new() { Delimiter = ';', TargetColumn = "y" }, "a,b;y", "p,q;0.5", "r,s;1.5", "t,u;2.5");

        Assert.Equal(';', frame.Delimiter);
        Assert.Equal("a,b", frame.Columns[0].Name);
        Assert.Equal(ColumnKind.Categorical, frame.Columns[0].Kind);
    }

    [Fact]
    public void Load_QuotedFields_KeepDelimitersAndQuotes_AndWhitespaceIsTrimmed()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" },
            "name , y",
            "\"Smith, John\" , 1.5",
            "  \"say \"\"hi\"\"\"  ,  2.5 ",
            " plain ,3.25");

        Assert.Equal<string?>(new[] { "Smith, John", "say \"hi\"", "plain" }, frame.Columns[0].Values.AsEnumerable());
        Assert.Equal([1.5f, 2.5f, 3.25f], frame.Target!.Values!);
    }

    [Fact]
    public void Load_MissingMarkers_AreEmptyOrNaNullQuestionMark_IgnoringCase()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" },
            "a,y", ",1.5", "NA,2.5", "n/a,3.5", "nan,4.5", "NULL,5.5", "?,6.5", "7,7.5", "8,8.5");

        TabularColumn a = frame.Columns[0];
        Assert.Equal(ColumnKind.Numeric, a.Kind);
        Assert.Equal(6, a.MissingCount);
        Assert.True(double.IsNaN(a.Numbers![0]));
        Assert.Equal([7.0, 8.0], a.Numbers![6..]);
    }

    [Fact]
    public void Load_MissingMarkers_AreConfigurable()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y", MissingValues = ["-999"] },
            "a,b,y", "-999,NA,1.5", "2,x,2.5", "3,NA,3.5");

        Assert.Equal(1, frame.Columns[0].MissingCount);
        Assert.Equal(ColumnKind.Categorical, frame.Columns[1].Kind); // "NA" is now an ordinary category
        Assert.Equal(0, frame.Columns[1].MissingCount);
    }

    [Fact]
    public void Load_InfersNumericAndCategoricalColumns()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" },
            "num,exp,cat,mixed,y",
            "1,1e3,a,1,0.5",
            "-2.5,-4E-2,b,x,1.5",
            "+3,5,c,y,2.5");

        Assert.Equal([ColumnKind.Numeric, ColumnKind.Numeric, ColumnKind.Categorical, ColumnKind.Categorical], frame.Columns.Select(c => c.Kind));
        Assert.Equal([1000, -0.04, 5], frame.Columns[1].Numbers!);
    }

    [Fact]
    public void Load_ThousandsSeparatorsAndInfinity_AreNotNumbers()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" },
            "a,b,y", "\"1,000\",Infinity,0.5", "\"2,000\",1,1.5", "x,2,2.5");

        Assert.Equal(ColumnKind.Categorical, frame.Columns[0].Kind);
        Assert.Equal(ColumnKind.Categorical, frame.Columns[1].Kind);
    }

    [Fact]
    public void Load_ColumnKindOverrides_MakeNumbersCategorical_AndIgnoreColumns()
    {
        var kinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical, ["noise"] = ColumnKind.Ignore };
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y", ColumnKinds = kinds },
            "zip,noise,area,y", "10115,7,50,0.5", "80331,8,60,1.5", "10115,9,70,2.5");

        Assert.Equal(["zip", "area"], frame.Columns.Select(c => c.Name));
        Assert.Equal(ColumnKind.Categorical, frame.Columns[0].Kind);
        Assert.Null(frame.Columns[0].Numbers);
        Assert.Equal(ColumnKind.Numeric, frame.Columns[1].Kind);
    }

    [Fact]
    public void Load_IdColumn_PassesThroughAndIsNotAFeature()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y", IdColumn = "Id" }, "Id,a,y", "7,1,0.5", "8,2,1.5", "9,3,2.5");

        Assert.Equal("Id", frame.IdColumn);
        Assert.Equal<string?>(new[] { "7", "8", "9" }, frame.Ids!.AsEnumerable());
        Assert.Equal(["a"], frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Load_WithoutTargetColumn_ReadsEveryColumnAsAFeature()
    {
        TabularFrame frame = _csv.Load(new(), "a,b", "1,x", "2,y");

        Assert.Null(frame.Target);
        Assert.Equal(2, frame.Columns.Count);
    }

    [Fact]
    public void Load_LineNumbers_CountTheHeaderAsLineOne_AndSkipBlankLines()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" }, "a,y", "1,0.5", "", "2,1.5", "3,2.5", "");

        Assert.Equal([2, 4, 5], frame.LineNumbers);
    }

    [Fact]
    public void Load_SkipLinesAndColumnNames_ReadFilesWithoutAPlainHeader()
    {
        TabularFrame skipped = _csv.Load(new() { TargetColumn = "y", SkipLines = 1 }, "3,2,,", "a,y", "1,0.5", "2,1.5", "3,2.5");
        TabularFrame named = _csv.Load(new() { TargetColumn = "y", ColumnNames = ["a", "y"] }, "1,0.5", "2,1.5", "3,2.5");

        Assert.Equal([3, 4, 5], skipped.LineNumbers);
        Assert.Equal([1.0, 2, 3], skipped.Columns[0].Numbers!);
        Assert.Equal([1, 2, 3], named.LineNumbers);
        Assert.Equal([0.5f, 1.5f, 2.5f], named.Target!.Values!);
    }

    [Fact]
    public void Load_TextTarget_IsClassification_WithOrdinallySortedClassNames()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" }, "a,y", "1,dog", "2,cat", "3,Zebra", "4,dog");

        Assert.Equal(TaskKind.Classification, frame.Target!.Task);
        Assert.Equal(["Zebra", "cat", "dog"], frame.Target.ClassNames!);
        Assert.Equal([2, 1, 0, 2], frame.Target.Labels!);
        Assert.Null(frame.Target.Values);
    }

    [Fact]
    public void Load_FewIntegerTarget_IsClassification_WithNumericallySortedClasses()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y" }, "a,y", "1,10", "2,2", "3,9", "4,2.0");

        Assert.Equal(TaskKind.Classification, frame.Target!.Task);
        Assert.Equal(["2", "9", "10"], frame.Target.ClassNames!);
        Assert.Equal([2, 0, 1, 0], frame.Target.Labels!);
    }

    [Fact]
    public void Load_FractionalOrManyDistinctIntegerTarget_IsRegression()
    {
        TabularFrame fractional = _csv.Load(new() { TargetColumn = "y" }, "a,y", "1,1", "2,2", "3,2.5");
        string[] many = ["a,y", .. Enumerable.Range(0, 21).Select(i => $"{i},{i * 1000}")];
        TabularFrame manyIntegers = _csv.Load(new() { TargetColumn = "y" }, many);
        TabularFrame twenty = _csv.Load(new() { TargetColumn = "y" }, many[..21]);

        Assert.Equal(TaskKind.Regression, fractional.Target!.Task);
        Assert.Equal(TaskKind.Regression, manyIntegers.Target!.Task);
        Assert.Equal(TaskKind.Classification, twenty.Target!.Task);
    }

    [Fact]
    public void Load_TaskOverride_WinsOverDetection()
    {
        TabularFrame regression = _csv.Load(new() { TargetColumn = "y", Task = TaskKind.Regression }, "a,y", "1,0", "2,1", "3,1");
        TabularFrame classification = _csv.Load(new() { TargetColumn = "y", Task = TaskKind.Classification }, "a,y", "1,0.5", "2,1.5", "3,0.5");

        Assert.Equal([0f, 1f, 1f], regression.Target!.Values!);
        Assert.Equal(["0.5", "1.5"], classification.Target!.ClassNames!);
    }

    [Fact]
    public void Load_MissingTargets_AreSkippedAndListed_WhenAskedTo()
    {
        TabularFrame frame = _csv.Load(new() { TargetColumn = "y", SkipRowsWithMissingTarget = true },
            "a,y", "1,0.5", "2,", "3,1.5", "4,NA", "5,2.5");

        Assert.Equal([2, 4, 6], frame.LineNumbers);
        Assert.Equal([3, 5], frame.SkippedLines);
        Assert.Equal([1.0, 3, 5], frame.Columns[0].Numbers!);
    }
}
