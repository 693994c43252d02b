namespace Dendrite.Training.Models;

/// <summary>
/// Grey images of <paramref name="Height"/> × <paramref name="Width"/> pixels, flattened row by row; a raw pixel value
/// v (0–255 for Fashion-MNIST) enters the network as v · <paramref name="Scale"/>.
/// </summary>
/// <param name="Height">Pixel rows.</param>
/// <param name="Width">Pixel columns.</param>
/// <param name="Scale">Factor applied to raw pixel values (1/255 for 8-bit images).</param>
public sealed record ImageInput(int Height, int Width, float Scale = 1f / 255f) : ModelInput
{
    /// <summary>Fashion-MNIST's 28 × 28 8-bit images.</summary>
    public static ImageInput FashionMnist { get; } = new(28, 28);

    /// <inheritdoc/>
    public override int FeatureCount => Height * Width;

    /// <inheritdoc/>
    public override string Kind => "image";

    /// <summary>Images of <paramref name="pixels"/> values: square when that is a square number, else one row.</summary>
    public static ImageInput ForPixels(int pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? new ImageInput(side, side) : new ImageInput(1, pixels);
    }
}
