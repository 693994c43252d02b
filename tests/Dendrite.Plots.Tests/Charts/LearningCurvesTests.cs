using Dendrite.Plots.Charts;
using Dendrite.Plots.Tests.Svg;

namespace Dendrite.Plots.Tests.Charts;

public class LearningCurvesTests
{
    private static readonly double[] Epochs = [1, 2, 3, 4, 5];
    private static readonly double[] Loss = [0.9, 0.6, 0.5, 0.45, 0.42];
    private static readonly double[] Train = [0.7, 0.8, 0.82, 0.84, 0.85];

    [Fact]
    public void Render_DrawsLossAndAccuracyPanels_WithAllSplitsInLegend()
    {
        var root = SvgAssert.Parse(LearningCurves.Render(Epochs, Loss, Train, [0.75, 0.8, 0.81, 0.82, 0.83], [0.74, 0.79, 0.8, 0.81, 0.82]));
        Assert.Equal(new[] { "Loss", "Accuracy" }, root.WithClass("title").Select(e => e.Value));
        Assert.Equal(new[] { "train acc", "val acc", "test acc" }, root.WithClass("legend-entry").Select(e => e.Value));
        Assert.Equal(4, root.WithClass("line").Count());
    }

    [Fact]
    public void Render_WithoutValidationOrTest_HasNoAccuracyLegend()
    {
        var root = SvgAssert.Parse(LearningCurves.Render(Epochs, Loss, Train));
        Assert.Equal(2, root.WithClass("line").Count());
        Assert.Empty(root.WithClass("legend"));
    }

    [Fact]
    public void Render_AccuracyAxis_StaysWithin0And1()
    {
        var root = SvgAssert.Parse(LearningCurves.Render(Epochs, Loss, [0.95, 0.97, 0.99, 1.0, 1.0]));
        var ticks = root.WithClass("tick").Select(e => e.Value).ToList();
        Assert.DoesNotContain("1.2", ticks);
        Assert.DoesNotContain("1.1", ticks);
        Assert.Contains("1.00", ticks);
    }

    [Fact]
    public void Render_ValidationEveryOtherEpoch_HasNoNaNInOutput()
    {
        string svg = LearningCurves.Render(Epochs, Loss, Train, [double.NaN, 0.8, double.NaN, 0.82, double.NaN]);
        SvgAssert.NoNonFiniteNumbers(svg);
        SvgAssert.Parse(svg);
    }

    [Fact]
    public void Render_FloatOverload_MatchesDoubleOverload()
    {
        float[] e = [1, 2, 3], l = [0.5f, 0.25f, 0.125f], a = [0.5f, 0.75f, 0.875f];
        Assert.Equal(LearningCurves.Render([1.0, 2, 3], [0.5, 0.25, 0.125], [0.5, 0.75, 0.875]), LearningCurves.Render(e, l, a));
    }

    [Fact]
    public void Render_Throws_WhenASeriesHasTheWrongLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => LearningCurves.Render(Epochs, Loss, Train, valAcc: [0.5, 0.6]));
        Assert.Contains("valAcc has 2 values but there are 5 epochs", ex.Message);
    }
}
