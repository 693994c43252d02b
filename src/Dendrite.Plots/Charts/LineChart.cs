using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>Several named series over a shared x axis (e.g. loss per epoch), as a standalone SVG document.</summary>
public static class LineChart
{
    /// <summary>Renders the series into an SVG of <see cref="LineChartOptions.Width"/>×<see cref="LineChartOptions.Height"/> pixels.</summary>
    public static string Render(IReadOnlyList<LineSeries> series, LineChartOptions? options = null)
    {
        var o = options ?? new LineChartOptions();
        var b = new SvgBuilder(o.Width, o.Height);
        LinePanel.Draw(b, 0, 0, o.Width, o.Height, series, o);
        return b.Build();
    }
}
