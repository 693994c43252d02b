using Dendrite.Plots.Charts;
using Dendrite.Plots.Tests.Rendering;
using Dendrite.Plots.Tests.Svg;

namespace Dendrite.Plots.Tests.Charts;

public class FunctionGridTests
{
    [Fact]
    public void Render_DrawsOnePanelPerFunction_WithFunctionAndDerivative()
    {
        var root = SvgAssert.Parse(SampleCharts.ActivationGrid());
        var panels = root.WithClass("panel").ToList();
        Assert.Equal(3, panels.Count);
        Assert.All(panels, p => Assert.Equal(2, p.WithClass("line").Count()));
        Assert.Equal(new[] { "relu(x)", "relu'(x)", "sigmoid(x)", "sigmoid'(x)", "tanh(x)", "tanh'(x)" },
            root.WithClass("legend-entry").Select(e => e.Value));
        var colours = panels[0].WithClass("line").Select(e => (string?)e.Attribute("stroke")).ToList();
        Assert.NotEqual(colours[0], colours[1]);
    }

    [Fact]
    public void Render_WrapsPanelsIntoRows()
    {
        var fns = Enumerable.Range(0, 5).Select(i => new FunctionCurve($"f{i}", [0.0, 1], [0.0, 1], [1.0, 1])).ToList();
        var root = SvgAssert.Parse(FunctionGrid.Render(fns, new FunctionGridOptions { Columns = 2, PanelWidth = 300, PanelHeight = 200 }));
        Assert.Equal("600", (string?)root.Attribute("width"));
        Assert.Equal("600", (string?)root.Attribute("height"));
    }

    [Fact]
    public void Render_Throws_ForMismatchedLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => FunctionGrid.Render([new FunctionCurve("relu", [0.0, 1], [0.0, 1], [1.0])]));
        Assert.Contains("'relu'", ex.Message);
    }
}
