using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// Finite numbers whose statistics overflow a naive computation, values far outside the training data, and targets
/// that leave nothing to learn: each is either standardized correctly or refused naming file, line and column; no
/// NaN or infinity reaches a feature or a target silently.
/// </summary>
public sealed class NumericRangeTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static TabularCsvOptions Target => new() { TargetColumn = "y" };

    private static float[] Feature(TabularDataset data, int j) =>
        Enumerable.Range(0, data.Count).Select(i => data.Features[i * data.FeatureCount + j]).ToArray();

    [Theory]
    [InlineData("1e300", "2e300", "3e300")]        // squares overflow
    [InlineData("-1e200", "0", "1e200")]           // the spread's squares overflow though the mean is 0
    [InlineData("1.59e308", "1.69e308", "1.79e308")] // even the sum overflows
    public void HugeFiniteFeatureValues_AreStandardizedWithFiniteStatistics(string a, string b, string c)
    {
        TabularFrame frame = _csv.Load(Target, "x,y", $"{a},1", $"{b},2", $"{c},3");

        TabularPreprocessor pre = TabularPreprocessor.Fit(frame);
        float[] x = Feature(pre.Transform(frame), 0);

        Assert.True(double.IsFinite(pre.Columns[0].Mean) && double.IsFinite(pre.Columns[0].Std), $"{pre.Columns[0].Mean} ± {pre.Columns[0].Std}");
        // Three evenly spaced values standardize to -√1.5, 0, √1.5 whatever their scale.
        float edge = (float)Math.Sqrt(1.5);
        Assert.Equal(-edge, x[0], 1e-5f);
        Assert.Equal(0f, x[1], 1e-5f);
        Assert.Equal(edge, x[2], 1e-5f);
    }

    [Fact]
    public void TransformOfAHugeValueOfTheOtherSign_AvoidsTheOverflowOfXMinusMean()
    {
        TabularPreprocessor pre = TabularPreprocessor.Fit(_csv.Load(Target, "x,y", "1.6e308,1", "1.7e308,2"));
        TabularFrame other = _csv.Load(Target, "x,y", "-1.7e308,1");

        float z = pre.Transform(other).Features[0];

        // (−1.7e308 − 1.65e308) / 5e306 = −67, though −1.7e308 − 1.65e308 itself is −∞ in double.
        Assert.Equal(-67f, z, 1e-3f);
    }

    [Fact]
    public void ValueFarOutsideTheTrainingData_FailsNamingLineAndColumn_InsteadOfAnInfiniteFeature()
    {
        TabularPreprocessor pre = TabularPreprocessor.Fit(_csv.Load(Target, "x,y", "1,1", "2,2", "3,3"));
        string path = _csv.Write("x,y", "2,1", "1e300,2");
        TabularFrame other = TabularCsv.Load(path, Target);

        var e = CsvFixture.AssertError(path, 3, "x", () => pre.Transform(other));

        Assert.Contains("beyond float32 range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionTargetBeyondFloatRange_IsRefusedAtLoad_NamingLineAndColumn()
    {
        // Targets are kept as float32, where 1e300 would become +∞ and then report a misleading "constant target".
        string path = _csv.Write("x,y", "1,0.5", "2,1e300", "3,2.5");

        var e = CsvFixture.AssertError(path, 3, "y", () => TabularCsv.Load(path, Target));

        Assert.Contains("beyond the float32 range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionTargetNearFloatMax_IsStandardizedToFiniteTargets()
    {
        TabularFrame frame = _csv.Load(Target, "x,y", "1,-3e38", "2,0.5", "3,3.4e38");

        TabularDataset data = TabularPreprocessor.Fit(frame).Transform(frame);

        Assert.All(data.Targets!, t => Assert.True(float.IsFinite(t) && Math.Abs(t) < 2, $"{t}"));
    }

    [Fact]
    public void UnstandardizedTargetWhoseSquareOverflowsFloat_IsRefusedNamingItsLine()
    {
        string path = _csv.Write("x,y", "1,0.5", "2,3e19", "3,2.5");
        TabularFrame frame = TabularCsv.Load(path, Target);

        var e = CsvFixture.AssertError(path, 3, "y",
            () => TabularPreprocessor.Fit(frame, new TabularPreprocessorOptions { StandardizeTarget = false }));

        Assert.Contains("standardize the target", e.Message, StringComparison.Ordinal);
        Assert.NotNull(TabularPreprocessor.Fit(frame)); // standardized, the same target is fine
    }

    [Fact]
    public void TargetFarOutsideTheTrainingTargets_FailsAtTransform_InsteadOfAnInfiniteTarget()
    {
        TabularPreprocessor pre = TabularPreprocessor.Fit(_csv.Load(Target, "x,y", "1,1", "2,1.5", "3,2"));
        string path = _csv.Write("x,y", "1,3e38");
        TabularFrame other = TabularCsv.Load(path, pre.ConfigureLoading(Target));

        var e = CsvFixture.AssertError(path, 2, "y", () => pre.Transform(other));

        Assert.Contains("beyond float32 range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantRegressionTarget_IsRefusedAtFit()
    {
        string path = _csv.Write("x,y", "1,7", "2,7", "3,7");
        TabularFrame frame = TabularCsv.Load(path, Target with { Task = TaskKind.Regression });

        var e = CsvFixture.AssertError(path, 0, "y", () => TabularPreprocessor.Fit(frame));

        Assert.Contains("same value on all 3 training rows (lines 2 to 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassificationTargetWithASingleClass_IsRefusedAtFit_LikeAConstantRegressionTarget()
    {
        string path = _csv.Write("x,y", "1,cat", "2,cat", "3,cat");
        TabularFrame frame = TabularCsv.Load(path, Target);

        var e = CsvFixture.AssertError(path, 0, "y", () => TabularPreprocessor.Fit(frame));

        Assert.Contains("same class ('cat') on all 3 training rows (lines 2 to 4)", e.Message, StringComparison.Ordinal);
        Assert.Contains("at least two classes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassificationTargetWithASingleClassInTheTrainingRows_IsRefused_ThoughTheFileHasTwo()
    {
        string path = _csv.Write("x,y", "1,0", "2,0", "3,1");
        TabularFrame frame = TabularCsv.Load(path, Target);

        CsvFixture.AssertError(path, 0, "y", () => TabularPreprocessor.Fit(frame, [0, 1]));
        Assert.NotNull(TabularPreprocessor.Fit(frame, [0, 2]));
    }
}
