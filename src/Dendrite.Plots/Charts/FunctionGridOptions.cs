namespace Dendrite.Plots.Charts;

/// <summary>Appearance of a <see cref="FunctionGrid"/>: panel size and arrangement. Sizes are pixels.</summary>
public sealed record FunctionGridOptions
{
    /// <summary>Heading above all panels (17 px bold, 36 px reserved); null or empty = none.</summary>
    public string? Title { get; init; }

    /// <summary>Panels per row; 0 = min(count, 3).</summary>
    public int Columns { get; init; }

    /// <summary>Width of each panel; the document is this times the column count wide.</summary>
    public double PanelWidth { get; init; } = 320;

    /// <summary>Height of each panel; the document is this times the row count high, plus the title.</summary>
    public double PanelHeight { get; init; } = 240;

    /// <summary>Fixed y range shared by all panels; null = each panel fits its own data.</summary>
    public AxisRange? YRange { get; init; }
}
