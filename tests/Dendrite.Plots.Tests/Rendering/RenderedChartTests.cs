using System.Globalization;
using Dendrite.Plots.Tests.Png;
using Dendrite.Plots.Tests.Svg;

namespace Dendrite.Plots.Tests.Rendering;

/// <summary>Each chart type, drawn by a real browser: the picture has the chart's size, is not blank, and shows its key colours.</summary>
public class RenderedChartTests
{
    [Fact]
    public void LearningCurves_RenderWithTrainValAndTestColours()
    {
        var png = Render(SampleCharts.LearningCurve());
        AssertNotBlank(png);
        AssertHasColour(png, Palette.Series[0], "train (blue) lines");
        AssertHasColour(png, Palette.Series[1], "val (orange) line");
        AssertHasColour(png, Palette.Series[4], "test (green) line");
    }

    [Fact]
    public void ConfusionMatrix_RendersDarkDiagonalAndLightCells()
    {
        var png = Render(SampleCharts.Confusion());
        AssertNotBlank(png);
        AssertHasColour(png, "#08306b", "darkest cells", minPixels: 500);
        AssertHasColour(png, "#f7fbff", "lightest cells", minPixels: 500);
    }

    [Fact]
    public void ImageGrid_RendersImagesAndRedCaptions()
    {
        var png = Render(SampleCharts.Grid());
        AssertNotBlank(png);
        AssertHasColour(png, "#000000", "image backgrounds", minPixels: 2000, tolerance: 10);
        AssertHasColour(png, Palette.Error, "red captions of wrong predictions", tolerance: 40);
    }

    [Fact]
    public void ActivationGrid_RendersFunctionAndDerivativeColours()
    {
        var png = Render(SampleCharts.ActivationGrid());
        AssertNotBlank(png);
        AssertHasColour(png, Palette.Series[0], "functions");
        AssertHasColour(png, Palette.Series[1], "derivatives");
    }

    [Fact]
    public void EdgeCaseLineChart_Renders()
    {
        var png = Render(SampleCharts.EdgeCaseLines());
        AssertNotBlank(png);
        AssertHasColour(png, Palette.Series[2], "the single point", minPixels: 10);
    }

    private static DecodedPng Render(string svg)
    {
        var root = SvgAssert.Parse(svg);
        int width = (int)Math.Ceiling(double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture));
        int height = (int)Math.Ceiling(double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture));
        var png = Chromium.Screenshot(svg, width, height);
        Assert.Equal((width, height), (png.Width, png.Height));
        return png;
    }

    // Ink must cover a plausible share of the picture, and reach the bottom tenth (x-axis labels, captions),
    // which a chart clipped by a too-small viewport or an XML error page would not.
    private static void AssertNotBlank(DecodedPng png)
    {
        int ink = 0, bottomInk = 0;
        for (int y = 0; y < png.Height; y++)
        {
            for (int x = 0; x < png.Width; x++)
            {
                var (r, g, b) = png.Rgb(x, y);
                if (r + g + b >= 3 * 245) continue;
                ink++;
                if (y >= png.Height * 0.85) bottomInk++;
            }
        }
        double share = (double)ink / (png.Width * png.Height);
        Assert.InRange(share, 0.01, 0.7);
        Assert.True(bottomInk > 50, $"only {bottomInk} non-white pixels in the bottom 15 % of the picture");
    }

    private static void AssertHasColour(DecodedPng png, string hex, string what, int minPixels = 100, int tolerance = 24)
    {
        int tr = Convert.ToInt32(hex[1..3], 16), tg = Convert.ToInt32(hex[3..5], 16), tb = Convert.ToInt32(hex[5..7], 16);
        int count = 0;
        for (int y = 0; y < png.Height; y++)
        {
            for (int x = 0; x < png.Width; x++)
            {
                var (r, g, b) = png.Rgb(x, y);
                if (Math.Abs(r - tr) <= tolerance && Math.Abs(g - tg) <= tolerance && Math.Abs(b - tb) <= tolerance) count++;
            }
        }
        Assert.True(count >= minPixels, $"expected ≥ {minPixels} pixels near {hex} ({what}), found {count}");
    }
}
