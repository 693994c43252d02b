using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

public sealed class TabularPreprocessorTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static TabularCsvOptions Target => new() { TargetColumn = "y" };

    private static float[] Column(TabularDataset data, string feature)
    {
        int j = Array.IndexOf(data.FeatureNames, feature);
        Assert.True(j >= 0, $"no feature {feature} in {string.Join(", ", data.FeatureNames)}");
        return Enumerable.Range(0, data.Count).Select(i => data.Features[i * data.FeatureCount + j]).ToArray();
    }

    [Fact]
    public void Numeric_IsStandardizedWithPopulationStd_AndMissingBecomesTheMean()
    {
        // Non-missing 2, 4, 6: mean 4, population std sqrt(8/3).
        TabularFrame frame = _csv.Load(Target, "a,y", "2,0.5", "NA,1.5", "4,2.5", "6,3.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame);
        TabularDataset data = pre.Transform(frame);

        double std = Math.Sqrt(8.0 / 3.0);
        Assert.Equal(4.0, pre.Columns[0].Mean);
        Assert.Equal(std, pre.Columns[0].Std, 15);
        Assert.Equal([(float)(-2 / std), 0f, 0f, (float)(2 / std)], Column(data, "a"));
        Assert.Equal(["a"], data.FeatureNames);
    }

    [Fact]
    public void MissingIndicator_IsAddedOnlyForColumnsWithMissingTrainingValues()
    {
        TabularFrame frame = _csv.Load(Target, "a,b,y", "2,1,0.5", ",2,1.5", "4,3,2.5", "6,4,3.5");
        TabularDataset data = TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { MissingIndicators = true }).Transform(frame);

        Assert.Equal(["a", "a_missing", "b"], data.FeatureNames);
        Assert.Equal([0f, 1f, 0f, 0f], Column(data, "a_missing"));
    }

    [Fact]
    public void Categorical_IsOneHot_WithMissingFilledByTheMode()
    {
        TabularFrame frame = _csv.Load(Target, "c,y", "RL,0.5", "RM,1.5", "NA,2.5", "RL,3.5", "FV,4.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame);
        TabularDataset data = pre.Transform(frame);

        Assert.Equal(["c=FV", "c=RL", "c=RM"], data.FeatureNames);
        Assert.Equal("RL", pre.Columns[0].Fill);
        Assert.Equal([0f, 1f, 0f, 0f, 0f, 1f, 0f, 1f, 0f, 0f, 1f, 0f, 1f, 0f, 0f], data.Features);
    }

    [Fact]
    public void Mode_TiesGoToTheFirstCategoryInOrder()
    {
        TabularFrame frame = _csv.Load(Target, "c,y", "b,0.5", "a,1.5", "b,2.5", "a,3.5", ",4.5");

        Assert.Equal("a", TabularPreprocessor.Fit(frame).Columns[0].Fill);
    }

    [Fact]
    public void Statistics_ComeFromTheTrainingRowsOnly()
    {
        // Training rows 0..3 have a = 1..4 (mean 2.5); the test rows have a very different mean.
        TabularFrame frame = _csv.Load(Target, "a,c,y", "1,x,0.5", "2,y,1.5", "3,x,2.5", "4,y,3.5", "100,NA,4.5", "200,z,5.5");
        int[] train = [0, 1, 2, 3], test = [4, 5];
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame, train);
        TabularDataset testData = pre.Transform(frame, test);

        double std = Math.Sqrt(1.25);
        Assert.Equal(2.5, pre.Columns[0].Mean);
        Assert.Equal([(float)((100 - 2.5) / std), (float)((200 - 2.5) / std)], Column(testData, "a"));
        Assert.Equal(["a", "c=x", "c=y"], testData.FeatureNames);
        Assert.Equal(2.0, pre.Target!.Mean);
        Assert.Equal([(float)((4.5 - 2) / Math.Sqrt(1.25)), (float)((5.5 - 2) / Math.Sqrt(1.25))], testData.Targets!);
        Assert.Equal([4.5f, 5.5f], testData.RawTargets!);
    }

    [Fact]
    public void UnseenCategory_BecomesAllZeros_NotAnException()
    {
        TabularFrame frame = _csv.Load(Target, "a,c,y", "1,x,0.5", "2,y,1.5", "3,x,2.5", "4,z,3.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame, [0, 1, 2]);
        TabularDataset data = pre.Transform(frame, [3]);

        Assert.Equal(["a", "c=x", "c=y"], data.FeatureNames);
        Assert.Equal([0f, 0f], data.Features[1..]);
    }

    [Fact]
    public void DropConstantColumns_DropsAndListsThem()
    {
        TabularFrame frame = _csv.Load(Target, "a,flat,cat,y", "1,5,k,0.5", "2,5,k,1.5", "3,5,k,2.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { DropConstantColumns = true });

        Assert.Equal(["flat", "cat"], pre.DroppedColumns);
        Assert.Equal(["a"], pre.FeatureNames);
    }

    [Fact]
    public void ColumnConstantOnlyInTheTrainingRows_IsConstant()
    {
        TabularFrame frame = _csv.Load(Target, "a,b,y", "1,7,0.5", "2,7,1.5", "3,8,2.5");

        CsvFixture.AssertError(frame.FilePath, 0, "b", () => TabularPreprocessor.Fit(frame, [0, 1]));
    }

    [Fact]
    public void RegressionTarget_IsStandardizedByDefault_AndMapsBack()
    {
        TabularFrame frame = _csv.Load(Target, "a,y", "1,100000.5", "2,200000.5", "3,300000.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame);
        TabularDataset data = pre.Transform(frame);

        Assert.True(pre.Target!.Standardize);
        Assert.Equal(200000.5, pre.Target.Mean);
        Assert.Equal(0f, data.Targets![1]);
        Assert.Equal(1.0, data.Targets.Select(t => (double)t * t).Sum() / 3, 6);
        var back = new float[3];
        pre.TargetsFromModel(data.Targets, back);
        Assert.Equal(data.RawTargets!, back);
    }

    [Fact]
    public void RegressionTarget_CanStayRaw_OrBeLogged()
    {
        TabularFrame frame = _csv.Load(Target, "a,y", "1,10.5", "2,100.5", "3,1000.5");
        TabularDataset raw = TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { StandardizeTarget = false }).Transform(frame);
        TabularPreprocessor logged = TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { StandardizeTarget = false, LogTarget = true });

        Assert.Equal([10.5f, 100.5f, 1000.5f], raw.Targets!);
        Assert.Equal((float)Math.Log(100.5), logged.Transform(frame).Targets![1]);
        Assert.Equal(1000.5, logged.TargetFromModel((float)Math.Log(1000.5)), 2);
    }

    [Fact]
    public void LogTarget_RejectsNonPositiveTargets_NamingTheLine()
    {
        TabularFrame frame = _csv.Load(Target, "a,y", "1,10.5", "2,-0.5", "3,1000.5");

        CsvFixture.AssertError(frame.FilePath, 3, "y", () => TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { LogTarget = true }));
    }

    [Fact]
    public void Classification_LabelsAndClassNamesPassThrough_AndBecomeAnInMemoryDataset()
    {
        TabularFrame frame = _csv.Load(Target, "a,y", "1,dog", "2,cat", "3,dog");
        TabularDataset data = TabularPreprocessor.Fit(frame).Transform(frame);
        InMemoryDataset memory = data.ToInMemoryDataset();

        Assert.Equal([1, 0, 1], data.Labels!);
        Assert.Null(data.Targets);
        Assert.Equal(2, memory.ClassCount);
        Assert.Same(data.Features, memory.Features);
    }

    [Fact]
    public void PredictionFile_IsReadWithTheFittedKinds_InAnyColumnOrder_WithoutTarget()
    {
        var kinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical };
        TabularFrame train = _csv.Load(Target with { IdColumn = "Id", ColumnKinds = kinds }, "Id,a,zip,y", "1,1,10,0.5", "2,2,20,1.5", "3,3,10,2.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(train, new TabularPreprocessorOptions());
        // zip looks numeric in training but is declared categorical there; here it holds text the model never saw.
        TabularFrame predict = TabularCsv.Load(_csv.Write("zip,Id,a", "10,4,1", "ab,5,NA"), pre.ConfigureLoading(new TabularCsvOptions { IdColumn = "Id" }));
        TabularDataset data = pre.Transform(predict);

        Assert.Null(data.Targets);
        Assert.Equal<string?>(new[] { "4", "5" }, data.Ids!.AsEnumerable());
        Assert.Equal(["a", "zip=10", "zip=20"], data.FeatureNames);
        Assert.Equal(pre.Transform(train, [0]).Features, data.Features[..3]);
        Assert.Equal([0f, 0f, 0f], data.Features[3..]); // a = NA → mean → 0; zip "ab" unseen → zeros
    }

    [Fact]
    public void Transform_FileWithoutAFittedColumn_NamesTheColumn()
    {
        TabularFrame train = _csv.Load(Target, "a,b,y", "1,4,0.5", "2,5,1.5", "3,6,2.5");
        TabularPreprocessor pre = TabularPreprocessor.Fit(train);
        TabularFrame other = _csv.Load(new TabularCsvOptions(), "a", "1", "2");

        CsvFixture.AssertError(other.FilePath, 0, "b", () => pre.Transform(other));
    }

    [Fact]
    public void Transform_ClassNotSeenInTraining_NamesTheLine()
    {
        TabularFrame train = _csv.Load(Target, "a,y", "1,cat", "2,dog");
        TabularPreprocessor pre = TabularPreprocessor.Fit(train);
        TabularFrame other = TabularCsv.Load(_csv.Write("a,y", "1,cat", "2,cow"), pre.ConfigureLoading(Target));

        CsvFixture.AssertError(other.FilePath, 3, "y", () => pre.Transform(other));
    }

    [Fact]
    public void Json_RoundTrip_ReproducesTheTransformBitForBit()
    {
        string[] lines =
        [
            "Id,LotArea,Zoning,Year,y",
            "1,8450.123456789,RL,2003,208500.25",
            "2,9600.987654321,RM,1976,181500.75",
            "3,,RL,2001,223500.125",
            "4,9550.333333333,FV,1915,140000.5",
            "5,14260.1,NA,2000,250000.0625",
            "6,11250.7777,C (all),1993,143000.3",
        ];
        TabularFrame frame = _csv.Load(Target with { IdColumn = "Id" }, lines);
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame, [0, 1, 2, 3, 4], new TabularPreprocessorOptions { MissingIndicators = true, LogTarget = true });
        string json = pre.ToJson();
        TabularPreprocessor restored = TabularPreprocessor.FromJson(json);

        TabularDataset before = pre.Transform(frame), after = restored.Transform(frame);
        Assert.Equal(before.Features.Select(BitConverter.SingleToInt32Bits), after.Features.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(before.Targets!.Select(BitConverter.SingleToInt32Bits), after.Targets!.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(before.FeatureNames, after.FeatureNames);
        Assert.Equal(pre.Columns, restored.Columns, (x, y) => x.Name == y.Name && x.Kind == y.Kind && x.Mean.Equals(y.Mean) && x.Std.Equals(y.Std)
            && x.MissingIndicator == y.MissingIndicator && (x.Categories ?? []).SequenceEqual(y.Categories ?? []) && x.Fill == y.Fill);
        Assert.Equal(pre.Target, restored.Target! with { ClassNames = pre.Target!.ClassNames });
        Assert.Equal(json, restored.ToJson());
        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain("width", json, StringComparison.Ordinal); // derived, not stored
    }

    [Fact]
    public void Json_RoundTrip_KeepsClassNamesAndDroppedColumns()
    {
        TabularFrame frame = _csv.Load(Target, "a,flat,y", "1,0,b", "2,0,a", "3,0,b");
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { DropConstantColumns = true });
        TabularPreprocessor restored = TabularPreprocessor.FromJson(pre.ToJson());

        Assert.Equal(["a", "b"], restored.Target!.ClassNames!);
        Assert.Equal(["flat"], restored.DroppedColumns);
        Assert.Equal(ColumnKind.Ignore, restored.ConfigureLoading(new TabularCsvOptions()).ColumnKinds!["flat"]);
        Assert.Equal(pre.Transform(frame).Labels!, restored.Transform(frame).Labels!);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":2,\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":1}]}")]
    [InlineData("{\"version\":1,\"columns\":[]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1}]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"categorical\",\"categories\":[\"x\"],\"fill\":\"y\"}]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"kind\":\"numeric\",\"mean\":1,\"std\":1}]}")]
    // JSON nulls and duplicates that the deserializer lets through and later code would trip on:
    [InlineData("{\"version\":1,\"columns\":[null]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":null,\"kind\":\"numeric\",\"mean\":1,\"std\":1}]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"categorical\",\"categories\":[null,\"x\"],\"fill\":\"x\"}]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":1}],\"dropped\":[null]}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":1}],\"target\":{\"name\":\"y\",\"task\":\"classification\",\"classNames\":[\"cat\",\"cat\"]}}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":1}],\"target\":{\"name\":\"y\",\"task\":\"classification\",\"classNames\":[null]}}")]
    [InlineData("{\"version\":1,\"columns\":[{\"name\":\"a\",\"kind\":\"numeric\",\"mean\":1,\"std\":1}],\"target\":{\"name\":null,\"task\":\"regression\",\"std\":1}}")]
    public void FromJson_RejectsInvalidMetadata(string json)
    {
        Assert.Throws<DataFormatException>(() => TabularPreprocessor.FromJson(json));
    }
}
