namespace Dendrite.Plots.Charts;

/// <summary>Where the legend box sits inside the plot area. Auto picks the corner covering the fewest points.</summary>
public enum LegendPosition
{
    Auto,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    None,
}
