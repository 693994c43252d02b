using Dendrite.Plots.Charts;

namespace Dendrite.Cli.Runs;

/// <summary>The d2l-style grid of images captioned with true and predicted labels.</summary>
internal static class PredictionGrid
{
    /// <summary>
    /// An SVG of the rows of <paramref name="features"/> drawn as square grey images (pixels in [0, 1]), or null when
    /// a row is not a square image. <paramref name="labels"/> may be null (no true labels known).
    /// </summary>
    public static string? Render(float[] features, int featureCount, int[]? labels, int[] predicted, IReadOnlyList<string> classNames)
    {
        int side = (int)Math.Round(Math.Sqrt(featureCount));
        if (side * side != featureCount || predicted.Length == 0) return null;
        var images = new List<GridImage>(predicted.Length);
        for (int i = 0; i < predicted.Length; i++)
        {
            ReadOnlySpan<float> pixels = features.AsSpan(i * featureCount, featureCount);
            string pred = Name(classNames, predicted[i]);
            images.Add(labels is null
                ? GridImage.FromFloats(pixels, side, side, "pred: " + pred)
                : GridImage.Prediction(pixels, side, Name(classNames, labels[i]), pred));
        }
        return ImageGrid.Render(images, new ImageGridOptions { Title = "Predictions", Columns = Math.Min(10, images.Count) });
    }

    private static string Name(IReadOnlyList<string> names, int id) =>
        id >= 0 && id < names.Count ? names[id] : id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
