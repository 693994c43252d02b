namespace Dendrite.Plots.Charts;

/// <summary>Appearance of a <see cref="ConfusionMatrixChart"/>. Sizes are pixels.</summary>
public sealed record ConfusionMatrixOptions
{
    public string? Title { get; init; }

    /// <summary>Colour and label each cell by its share of the row (recall per true class) instead of the count.</summary>
    public bool NormalizeRows { get; init; }

    /// <summary>Side of one cell; 0 = chosen from the class count (≈ 440 px for the whole matrix).</summary>
    public double CellSize { get; init; }

    public double FontSize { get; init; } = 12;

    public string XLabel { get; init; } = "predicted";

    public string YLabel { get; init; } = "true";
}
