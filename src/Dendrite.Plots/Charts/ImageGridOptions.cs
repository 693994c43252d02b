namespace Dendrite.Plots.Charts;

/// <summary>Appearance of an <see cref="ImageGrid"/>. Sizes are pixels.</summary>
public sealed record ImageGridOptions
{
    /// <summary>Heading above the grid, bold at FontSize + 4; null or empty = none.</summary>
    public string? Title { get; init; }

    /// <summary>Images per row; 0 = up to 10 in a row, as many rows as needed.</summary>
    public int Columns { get; init; }

    /// <summary>Displayed side of each image (a 28×28 image at 84 is scaled ×3 by pixel replication).</summary>
    public double ImageSize { get; init; } = 84;

    /// <summary>Caption size in pixels; each further caption line sits 1.25 × this lower.</summary>
    public double FontSize { get; init; } = 12;

    /// <summary>Show dark-on-light (255 − v), often easier to read on a white page.</summary>
    public bool Invert { get; init; }
}
