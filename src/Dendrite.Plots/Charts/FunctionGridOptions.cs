namespace Dendrite.Plots.Charts;

/// <summary>Appearance of a <see cref="FunctionGrid"/>: panel size and arrangement. Sizes are pixels.</summary>
public sealed record FunctionGridOptions
{
    public string? Title { get; init; }

    /// <summary>Panels per row; 0 = min(count, 3).</summary>
    public int Columns { get; init; }

    public double PanelWidth { get; init; } = 320;

    public double PanelHeight { get; init; } = 240;

    /// <summary>Fixed y range shared by all panels; null = each panel fits its own data.</summary>
    public AxisRange? YRange { get; init; }
}
