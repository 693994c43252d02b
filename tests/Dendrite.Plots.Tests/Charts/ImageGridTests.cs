using Dendrite.Plots.Charts;
using Dendrite.Plots.Tests.Png;
using Dendrite.Plots.Tests.Rendering;
using Dendrite.Plots.Tests.Svg;

namespace Dendrite.Plots.Tests.Charts;

public class ImageGridTests
{
    [Fact]
    public void Render_EmbedsOnePngPerImage_WithTheOriginalPixels()
    {
        var images = SampleCharts.GridImages();
        var root = SvgAssert.Parse(ImageGrid.Render(images));
        var hrefs = root.WithClass("grid-image").Select(e => (string)e.Attribute("href")!).ToList();
        Assert.Equal(images.Count, hrefs.Count);
        Assert.DoesNotContain(root.All("rect"), r => (string?)r.Attribute("width") == "3"); // no rect-per-pixel rendering
        for (int i = 0; i < images.Count; i++)
        {
            Assert.StartsWith("data:image/png;base64,", hrefs[i]);
            var png = PngReader.Decode(Convert.FromBase64String(hrefs[i]["data:image/png;base64,".Length..]));
            Assert.Equal((28, 28), (png.Width, png.Height));
            Assert.Equal(images[i].Pixels, png.Pixels);
        }
    }

    [Fact]
    public void Render_CaptionsAreRedExactlyWhereTrueDiffersFromPredicted()
    {
        var root = SvgAssert.Parse(SampleCharts.Grid());
        var captions = root.WithClass("caption").ToList();
        Assert.Equal(SampleCharts.Predictions.Length, captions.Count);
        for (int i = 0; i < captions.Count; i++)
        {
            var (t, p) = SampleCharts.Predictions[i];
            bool red = (string?)captions[i].Attribute("fill") == Palette.Error;
            Assert.Equal(t != p, red);
            Assert.Equal($"true: {SampleCharts.FashionClasses[t]}pred: {SampleCharts.FashionClasses[p]}", captions[i].Value);
        }
        Assert.Equal(3, captions.Count(c => (string?)c.Attribute("fill") == Palette.Error));
    }

    [Fact]
    public void Render_ArrangesImagesInTheRequestedColumns()
    {
        var images = Enumerable.Range(0, 7).Select(i => GridImage.FromFloats(new float[16], 4, 4, $"#{i}")).ToList();
        var root = SvgAssert.Parse(ImageGrid.Render(images, new ImageGridOptions { Columns = 3 }));
        var xs = root.WithClass("grid-image").Select(e => (double)e.Attribute("x")!).Distinct().Count();
        var ys = root.WithClass("grid-image").Select(e => (double)e.Attribute("y")!).Distinct().Count();
        Assert.Equal((3, 3), (xs, ys));
    }

    [Fact]
    public void Prediction_FlagsOnlyMismatches_AndEscapesLabels()
    {
        var ok = GridImage.Prediction(new byte[4], 2, "coat", "coat");
        var bad = GridImage.Prediction(new float[4], 2, "a<b", "c&d");
        Assert.False(ok.Highlight);
        Assert.True(bad.Highlight);
        var root = SvgAssert.Parse(ImageGrid.Render([ok, bad]));
        Assert.Equal("true: a<bpred: c&d", root.WithClass("highlight").Single().Value);
    }

    [Fact]
    public void Render_Throws_WhenPixelCountDoesNotMatchSize()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageGrid.Render([new GridImage(new byte[10], 28, 28, "x")]));
        Assert.Contains("784", ex.Message);
    }
}
