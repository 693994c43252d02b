namespace Dendrite.Plots.Svg;

/// <summary>How a text element is drawn.</summary>
/// <param name="Size">Font size in user units (pixels).</param>
/// <param name="Anchor">Horizontal alignment relative to the x coordinate.</param>
/// <param name="Fill">Text colour, e.g. "#333333".</param>
/// <param name="Bold">Draw with font-weight bold.</param>
/// <param name="Rotate">Rotation in degrees around the anchor point (negative = counter-clockwise, e.g. −90 for a
/// y-axis title).</param>
/// <param name="Middle">Centre the text vertically on y (dy = 0.35em) instead of sitting on the baseline.</param>
/// <param name="CssClass">Class attribute for styling and for tests to find the element; null = none.</param>
public readonly record struct TextStyle(
    double Size = 12,
    TextAnchor Anchor = TextAnchor.Start,
    string Fill = "#333333",
    bool Bold = false,
    double Rotate = 0,
    bool Middle = false,
    string? CssClass = null);
