using Dendrite.Plots.Charts;
using Dendrite.Plots.Tests.Rendering;
using Dendrite.Plots.Tests.Svg;

namespace Dendrite.Plots.Tests.Charts;

public class ConfusionMatrixChartTests
{
    [Fact]
    public void Render_HasOneCellPerEntry_WithTheRightCount()
    {
        int[,] m = SampleCharts.FashionConfusion();
        var root = SvgAssert.Parse(ConfusionMatrixChart.Render(m, SampleCharts.FashionClasses));
        var cells = root.WithClass("cell").ToList();
        var counts = root.WithClass("count").Select(e => e.Value).ToList();
        Assert.Equal(100, cells.Count);
        Assert.Equal(100, counts.Count);
        for (int k = 0; k < cells.Count; k++)
        {
            int i = (int)cells[k].Attribute("data-row")!, j = (int)cells[k].Attribute("data-col")!;
            Assert.Equal(m[i, j], (int)cells[k].Attribute("data-count")!);
            Assert.Equal(m[i, j].ToString(System.Globalization.CultureInfo.InvariantCulture), counts[k]);
        }
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 0), (1, 1) }.Length,
            cells.Where(c => (int)c.Attribute("data-row")! < 2 && (int)c.Attribute("data-col")! < 2).Count());
    }

    [Fact]
    public void Render_LabelsBothAxesWithEscapedClassNames()
    {
        string[] names = ["<&>", "b"];
        var root = SvgAssert.Parse(ConfusionMatrixChart.Render(new[,] { { 1, 2 }, { 3, 4 } }, names));
        Assert.Equal(new[] { "<&>", "<&>", "b", "b" }, root.WithClass("class-label").Select(e => e.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_UsesWhiteTextOnDarkCells_AndDarkTextOnLightCells()
    {
        var root = SvgAssert.Parse(ConfusionMatrixChart.Render(new[,] { { 1000, 0 }, { 0, 1000 } }, ["a", "b"]));
        var counts = root.WithClass("count").ToList();
        Assert.Equal("#ffffff", (string?)counts[0].Attribute("fill")); // max count: darkest blue
        Assert.Equal(Palette.Text, (string?)counts[1].Attribute("fill")); // zero: near-white
        var cells = root.WithClass("cell").ToList();
        Assert.Equal(Palette.Blues[^1], (string?)cells[0].Attribute("fill"));
        Assert.Equal(Palette.Blues[0], (string?)cells[1].Attribute("fill"));
    }

    [Fact]
    public void Render_NormalizeRows_ShowsRowShares()
    {
        var root = SvgAssert.Parse(ConfusionMatrixChart.Render(new[,] { { 3, 1 }, { 0, 0 } }, ["a", "b"],
            new ConfusionMatrixOptions { NormalizeRows = true }));
        Assert.Equal(new[] { "0.75", "0.25", "0.00", "0.00" }, root.WithClass("count").Select(e => e.Value));
    }

    [Fact]
    public void Render_RotatesLongClassNames_OnTheXAxis()
    {
        var rotated = SvgAssert.Parse(ConfusionMatrixChart.Render(SampleCharts.FashionConfusion(), SampleCharts.FashionClasses));
        Assert.Equal(10, rotated.WithClass("class-label").Count(e => e.Attribute("transform") is not null));
        var plain = SvgAssert.Parse(ConfusionMatrixChart.Render(new[,] { { 1, 2 }, { 3, 4 } }, ["0", "1"]));
        Assert.All(plain.WithClass("class-label"), e => Assert.Null(e.Attribute("transform")));
    }

    [Fact]
    public void Render_Throws_ForNonSquareMatrix_OrWrongNameCount_OrNegativeCount()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.Render(new int[2, 3], ["a", "b"]));
        Assert.Contains("expected 2", Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.Render(new int[2, 2], ["a"])).Message);
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.Render(new[,] { { 1, -1 }, { 0, 0 } }, ["a", "b"]));
    }
}
