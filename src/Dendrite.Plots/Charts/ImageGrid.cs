using Dendrite.Plots.Png;
using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>
/// A grid of greyscale images with a caption under each, like d2l's view of predictions after training.
/// Each image is embedded once as a PNG data URI scaled with image-rendering: pixelated — one element per image
/// instead of one rect per pixel keeps a 10-image grid at ~15 kB instead of ~1 MB.
/// </summary>
public static class ImageGrid
{
    /// <summary>
    /// Renders the images in rows of <see cref="ImageGridOptions.Columns"/> as an SVG document and returns its text.
    /// Each image is scaled to fit an <see cref="ImageGridOptions.ImageSize"/> square with its aspect ratio kept, and
    /// its caption is centred below it (bold and in <see cref="Palette.Error"/> when highlighted); all cells are as
    /// wide as the widest caption needs.
    /// </summary>
    /// <param name="images">At least one image, each with Width·Height pixels.</param>
    /// <param name="options">Appearance; null = the defaults of <see cref="ImageGridOptions"/>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="images"/> is empty, or an image has a side ≤ 0 or a pixel count other than Width·Height.
    /// </exception>
    public static string Render(IReadOnlyList<GridImage> images, ImageGridOptions? options = null)
    {
        var o = options ?? new ImageGridOptions();
        if (images.Count == 0) throw new ArgumentException("ImageGrid needs at least one image.", nameof(images));
        foreach (var img in images) img.Validate();

        int columns = o.Columns > 0 ? o.Columns : Math.Min(images.Count, 10);
        int rows = (images.Count + columns - 1) / columns;
        double f = o.FontSize, lineHeight = f * 1.25;
        int captionLines = images.Max(i => i.Caption.Split('\n').Length);
        double captionWidth = images.Max(i => TextMetrics.Width(i.Caption, f));
        double cellW = Math.Max(o.ImageSize, captionWidth) + 16;
        double cellH = o.ImageSize + 8 + captionLines * lineHeight + 12;
        const double Margin = 12;
        double titleH = string.IsNullOrEmpty(o.Title) ? 0 : 34;

        var b = new SvgBuilder(2 * Margin + columns * cellW, 2 * Margin + titleH + rows * cellH);
        if (titleH > 0)
            b.Text(b.Width / 2, Margin + 18, o.Title!, new TextStyle(f + 4, TextAnchor.Middle, Palette.Text, Bold: true, CssClass: "title"));

        for (int k = 0; k < images.Count; k++)
        {
            var img = images[k];
            double cx = Margin + (k % columns + 0.5) * cellW;
            double top = Margin + titleH + k / columns * cellH;
            // Non-square images keep their aspect ratio inside the ImageSize box.
            double scale = o.ImageSize / Math.Max(img.Width, img.Height);
            double w = img.Width * scale, h = img.Height * scale;
            byte[] px = o.Invert ? img.Pixels.Select(v => (byte)(255 - v)).ToArray() : img.Pixels;
            b.Image(cx - w / 2, top + (o.ImageSize - h) / 2, w, h, PngEncoder.ToDataUri(PngEncoder.EncodeGray(px, img.Width, img.Height)), cssClass: "grid-image");
            b.Rect(cx - w / 2, top + (o.ImageSize - h) / 2, w, h, "none", "#bbbbbb", 1);
            var style = new TextStyle(f, TextAnchor.Middle, img.Highlight ? Palette.Error : Palette.Text,
                Bold: img.Highlight, CssClass: img.Highlight ? "caption highlight" : "caption");
            b.Text(cx, top + o.ImageSize + 8 + f, img.Caption, style);
        }
        return b.Build();
    }
}
