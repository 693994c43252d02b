using Dendrite.Plots.Png;

namespace Dendrite.Plots.Charts;

/// <summary>
/// One greyscale image for <see cref="ImageGrid"/>: row-major bytes (0 = black), a caption ('\n' splits lines)
/// and whether to flag it (caption drawn in red, e.g. a wrong prediction).
/// </summary>
/// <param name="Pixels">Width·Height intensities, row-major, 0 = black, 255 = white.</param>
/// <param name="Width">Pixels per row (&gt; 0).</param>
/// <param name="Height">Number of rows (&gt; 0).</param>
/// <param name="Caption">Text under the image; '\n' starts a new line.</param>
/// <param name="Highlight">Draw the caption bold in <see cref="Palette.Error"/>.</param>
public sealed record GridImage(byte[] Pixels, int Width, int Height, string Caption, bool Highlight = false)
{
    /// <summary>An image from intensities in [0, 1] (clamped).</summary>
    public static GridImage FromFloats(ReadOnlySpan<float> pixels, int width, int height, string caption,
        bool highlight = false) =>
        new(PngEncoder.ToBytes(pixels), width, height, caption, highlight);

    /// <summary>A classified square image captioned "true: …\npred: …", flagged when the labels differ.</summary>
    public static GridImage Prediction(byte[] pixels, int side, string trueLabel, string predictedLabel) =>
        new(pixels, side, side, $"true: {trueLabel}\npred: {predictedLabel}", trueLabel != predictedLabel);

    /// <inheritdoc cref="Prediction(byte[], int, string, string)"/>
    public static GridImage Prediction(ReadOnlySpan<float> pixels, int side, string trueLabel, string predictedLabel) =>
        Prediction(PngEncoder.ToBytes(pixels), side, trueLabel, predictedLabel);

    internal void Validate()
    {
        if (Width <= 0 || Height <= 0 || Pixels.Length != (long)Width * Height)
            throw new ArgumentException($"Image '{Caption}' has {Pixels.Length} pixels; expected {Width}×{Height} = {(long)Width * Height}.");
    }
}
