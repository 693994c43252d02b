namespace Dendrite.Plots.Charts;

/// <summary>Where the legend box sits inside the plot area. Auto picks the corner covering the fewest points.</summary>
public enum LegendPosition
{
    /// <summary>
    /// The corner whose box would cover the fewest data points and line segments, tried in the order TopRight,
    /// BottomRight, TopLeft, BottomLeft (the first wins a tie).
    /// </summary>
    Auto,
    /// <summary>Upper right of the plot area, 8 px in from its edges.</summary>
    TopRight,
    /// <summary>Upper left of the plot area, 8 px in from its edges.</summary>
    TopLeft,
    /// <summary>Lower right of the plot area, 8 px in from its edges.</summary>
    BottomRight,
    /// <summary>Lower left of the plot area, 8 px in from its edges.</summary>
    BottomLeft,
    /// <summary>No legend, however many series there are.</summary>
    None,
}
