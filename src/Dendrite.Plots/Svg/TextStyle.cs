namespace Dendrite.Plots.Svg;

/// <summary>
/// How a text element is drawn. <paramref name="Rotate"/> is in degrees around the anchor point
/// (negative = counter-clockwise, e.g. −90 for a y-axis title). <paramref name="Middle"/> centres the text
/// vertically on y instead of sitting on the baseline.
/// </summary>
public readonly record struct TextStyle(
    double Size = 12,
    TextAnchor Anchor = TextAnchor.Start,
    string Fill = "#333333",
    bool Bold = false,
    double Rotate = 0,
    bool Middle = false,
    string? CssClass = null);
