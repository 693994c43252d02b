namespace Dendrite.Plots.Charts;

/// <summary>Appearance of a <see cref="ConfusionMatrixChart"/>. Sizes are pixels.</summary>
public sealed record ConfusionMatrixOptions
{
    /// <summary>Heading above the matrix, bold at FontSize + 4; null or empty = none (no room reserved).</summary>
    public string? Title { get; init; }

    /// <summary>Colour and label each cell by its share of the row (recall per true class) instead of the count.</summary>
    public bool NormalizeRows { get; init; }

    /// <summary>Side of one cell; 0 = chosen from the class count (≈ 440 px for the whole matrix).</summary>
    public double CellSize { get; init; }

    /// <summary>
    /// Class-label size in pixels; axis titles are 1 larger, colour-bar ticks 1 smaller, and cell values shrink
    /// below it, but not below 7, when they would not fit their cell.
    /// </summary>
    public double FontSize { get; init; } = 12;

    /// <summary>Axis title under the column labels (the predicted class).</summary>
    public string XLabel { get; init; } = "predicted";

    /// <summary>Axis title left of the row labels, rotated −90° (the true class).</summary>
    public string YLabel { get; init; } = "true";
}
