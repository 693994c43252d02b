namespace Dendrite.Plots.Charts;

/// <summary>Appearance of a <see cref="LineChart"/>. Sizes are pixels.</summary>
public sealed record LineChartOptions
{
    /// <summary>Heading above the plot, bold at FontSize + 2; null or empty = none.</summary>
    public string? Title { get; init; }

    /// <summary>Axis title below the x tick labels; null or empty = none (no room reserved).</summary>
    public string? XLabel { get; init; }

    /// <summary>Axis title left of the y tick labels, rotated −90°; null or empty = none (no room reserved).</summary>
    public string? YLabel { get; init; }

    /// <summary>Width of the rendered SVG document.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Height of the rendered SVG document.</summary>
    public double Height { get; init; } = 400;

    /// <summary>Fixed y range; null = the data range widened to nice ticks.</summary>
    public AxisRange? YRange { get; init; }

    /// <summary>Fixed x range; null = exactly the data's x extent.</summary>
    public AxisRange? XRange { get; init; }

    /// <summary>Draw a dot at each finite point (useful for few points, e.g. 10 epochs).</summary>
    public bool Markers { get; init; }

    /// <summary>Legend placement; the legend is drawn only when there is more than one series.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Base font size; titles and ticks scale from it.</summary>
    public double FontSize { get; init; } = 13;
}
