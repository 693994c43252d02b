namespace Dendrite.Plots.Charts;

/// <summary>Appearance of a <see cref="LineChart"/>. Sizes are pixels.</summary>
public sealed record LineChartOptions
{
    public string? Title { get; init; }

    public string? XLabel { get; init; }

    public string? YLabel { get; init; }

    public double Width { get; init; } = 640;

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
