using Dendrite.Plots.Charts;
using Dendrite.Plots.Tests.Svg;

namespace Dendrite.Plots.Tests.Charts;

public class LineChartTests
{
    private static readonly double[] X = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void Render_IsWellFormed_WithTitleAxisLabelsAndTicks()
    {
        string svg = LineChart.Render([new LineSeries("loss", X, [0.9, 0.6, 0.5, 0.45, 0.42, 0.4])],
            new LineChartOptions { Title = "Loss", XLabel = "epoch", YLabel = "loss" });
        var root = SvgAssert.Parse(svg);
        Assert.Equal("640", (string?)root.Attribute("width"));
        Assert.Equal("400", (string?)root.Attribute("height"));
        Assert.Equal("Loss", root.WithClass("title").Single().Value);
        Assert.Equal(new[] { "epoch", "loss" }, root.WithClass("axis-label").Select(e => e.Value));
        var ticks = root.WithClass("tick").Select(e => e.Value).ToList();
        Assert.Contains("0.4", ticks);
        Assert.Contains("0.9", ticks);
        Assert.Contains("6", ticks);
    }

    [Fact]
    public void Render_EscapesTitleAndSeriesNames()
    {
        string svg = LineChart.Render(
            [new LineSeries("a<&>b", X, X), new LineSeries("c\"d'", X, X)],
            new LineChartOptions { Title = "T-shirt <&> top" });
        var root = SvgAssert.Parse(svg);
        Assert.Equal("T-shirt <&> top", root.WithClass("title").Single().Value);
        Assert.Equal(new[] { "a<&>b", "c\"d'" }, root.WithClass("legend-entry").Select(e => e.Value));
    }

    [Fact]
    public void Render_SkipsNaNAndInfinity_AndBreaksTheLine()
    {
        string svg = LineChart.Render([new LineSeries("gappy", X, [0.1, 0.2, double.NaN, 0.4, double.NegativeInfinity, 0.6])]);
        SvgAssert.NoNonFiniteNumbers(svg);
        var root = SvgAssert.Parse(svg);
        string d = (string)root.WithClass("line").Single().Attribute("d")!;
        Assert.Equal(3, d.Count(c => c == 'M')); // runs: [1,2], [4], [6]
        Assert.Equal(1, d.Count(c => c == 'L'));
        Assert.Equal(2, root.WithClass("series").Single().Elements(SvgAssert.Ns + "circle").Count()); // isolated points shown as dots
    }

    [Fact]
    public void Render_FlatSeries_PutsLineInsideTheWidenedAxis()
    {
        var root = SvgAssert.Parse(LineChart.Render([new LineSeries("flat", X, [0.3, 0.3, 0.3, 0.3, 0.3, 0.3])]));
        var ticks = root.WithClass("tick").Select(e => e.Value).ToList();
        Assert.Contains("0.30", ticks);
        Assert.True(ticks.Count >= 4, "a flat series still gets a readable y axis");
    }

    [Fact]
    public void Render_SinglePoint_DrawsOneDot()
    {
        string svg = LineChart.Render([new LineSeries("one", [3.0], [0.5])]);
        SvgAssert.NoNonFiniteNumbers(svg);
        Assert.Single(SvgAssert.Parse(svg).WithClass("series").Single().Elements(SvgAssert.Ns + "circle"));
    }

    [Fact]
    public void Render_AllNaN_StillDrawsAxes()
    {
        string svg = LineChart.Render([new LineSeries("none", [double.NaN, 1], [double.NaN, double.NaN])]);
        SvgAssert.NoNonFiniteNumbers(svg);
        Assert.NotEmpty(SvgAssert.Parse(svg).WithClass("tick"));
    }

    [Fact]
    public void Render_DrawsLegendOnlyForMoreThanOneSeries()
    {
        var one = SvgAssert.Parse(LineChart.Render([new LineSeries("a", X, X)]));
        var two = SvgAssert.Parse(LineChart.Render([new LineSeries("a", X, X), new LineSeries("b", X, X)]));
        Assert.Empty(one.WithClass("legend"));
        Assert.Single(two.WithClass("legend"));
        Assert.Equal(2, two.WithClass("legend-entry").Count());
    }

    [Fact]
    public void Render_UsesDistinctPaletteColours_PerSeries()
    {
        var root = SvgAssert.Parse(LineChart.Render([new LineSeries("a", X, X), new LineSeries("b", X, X), new LineSeries("c", X, X)]));
        var strokes = root.WithClass("line").Select(e => (string)e.Attribute("stroke")!).ToList();
        Assert.Equal(Palette.Series.Take(3), strokes);
    }

    [Fact]
    public void Render_FixedYRange_PutsTicksExactlyFrom0To1()
    {
        var root = SvgAssert.Parse(LineChart.Render([new LineSeries("acc", X, [0.5, 0.6, 0.7, 0.75, 0.8, 0.82])],
            new LineChartOptions { YRange = new AxisRange(0, 1) }));
        var ticks = root.WithClass("tick").Select(e => e.Value).ToList();
        Assert.Contains("0.0", ticks);
        Assert.Contains("1.0", ticks);
    }

    [Fact]
    public void Render_Markers_DrawOneDotPerFinitePoint()
    {
        var root = SvgAssert.Parse(LineChart.Render([new LineSeries("a", X, [1, 2, double.NaN, 4, 5, 6])],
            new LineChartOptions { Markers = true }));
        Assert.Equal(5, root.WithClass("series").Single().Elements(SvgAssert.Ns + "circle").Count());
    }

    [Fact]
    public void Render_Throws_WhenXAndYLengthsDiffer()
    {
        var ex = Assert.Throws<ArgumentException>(() => LineChart.Render([new LineSeries("bad", [1, 2, 3], [1, 2])]));
        Assert.Contains("'bad'", ex.Message);
    }
}
