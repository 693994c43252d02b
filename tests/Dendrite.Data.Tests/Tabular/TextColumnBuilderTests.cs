using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// A categorical column numbered into its distinct texts must read back exactly as a column of one string per row,
/// also once it has more distinct texts than 2-byte numbers can count and switches to strings.
/// </summary>
public sealed class TextColumnBuilderTests
{
    [Fact]
    public void FewTexts_AreNumbered_AndReadBackAsWritten()
    {
        string?[] texts = ["b", null, "a", "b", "c", null, "a"];
        var builder = new TextColumnBuilder(2, texts.Length);
        foreach (string? text in texts) builder.Add(text);

        Assert.Equal(["b", "a", "c"], builder.Distinct!);
        TabularColumn column = builder.Build("c");
        Assert.Equal(ColumnKind.Categorical, column.Kind);
        Assert.Equal(texts, Enumerable.Range(0, texts.Length).Select(column.TextAt));
        Assert.Equal(2, column.MissingCount);
        Assert.Equal(texts, column.Values);
        Assert.Equal(texts, builder.Texts());
        Assert.Same(column.Values[0], column.Values[3]); // equal texts share one string
    }

    [Fact]
    public void MoreDistinctTextsThanNumbers_SwitchToStrings_KeepingEveryRow()
    {
        const int distinct = 70_000; // about 69,930 distinct texts, more than 65,535
        var builder = new TextColumnBuilder(16, 16); // fewer rows expected than come: the buffers grow
        var expected = new List<string?>();
        for (int i = 0; i < distinct; i++)
        {
            string? text = i % 1000 == 999 ? null : $"v{i}";
            builder.Add(text);
            expected.Add(text);
        }
        builder.Add("v0");
        expected.Add("v0");

        Assert.Null(builder.Distinct);
        TabularColumn column = builder.Build("c");
        Assert.Equal(expected, column.Values);
        Assert.Equal(expected.Count(t => t is null), column.MissingCount);
        Assert.Same(column.Values[0], column.Values[^1]);
    }

    [Fact]
    public void ALoadedFile_ReadsItsCategoriesAsAStringPathLoadDoes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-categories-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(path, ["color,size,y", "red,1,0", " blue ,2,1", "NA,3,0", "red,4,1", "green,,0"]);
            var options = new TabularCsvOptions { TargetColumn = "y" };
            TabularFrame typed = TabularCsv.Load(path, options);
            TabularFrame records = TabularCsv.FromRecords("records", ["color", "size", "y"],
                [["red", "1", "0"], [" blue ", "2", "1"], ["NA", "3", "0"], ["red", "4", "1"], ["green", null, "0"]], options);
            Assert.Equal(records.Columns[0].Values, typed.Columns[0].Values);
            Assert.Equal(new string?[] { "red", "blue", null, "red", "green" }, typed.Columns[0].Values);
            Assert.Equal(1, typed.Columns[0].MissingCount);
            Assert.True(typed.Columns[0].TryTextCodes(out _, out _));
            Assert.False(records.Columns[0].TryTextCodes(out _, out _));

            // Fitted and transformed per distinct text, the numbered column gives what one string per row gives.
            TabularPreprocessor fromTyped = TabularPreprocessor.Fit(typed), fromRecords = TabularPreprocessor.Fit(records);
            Assert.Equal(fromRecords.FeatureNames, fromTyped.FeatureNames);
            Assert.Equal(fromRecords.Transform(records).Features, fromTyped.Transform(typed).Features);
            Assert.Equal(fromRecords.Transform(records).Features, fromRecords.Transform(typed).Features);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
