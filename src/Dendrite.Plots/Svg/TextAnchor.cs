namespace Dendrite.Plots.Svg;

/// <summary>Horizontal alignment of a text element relative to its x coordinate (SVG <c>text-anchor</c>).</summary>
public enum TextAnchor
{
    /// <summary>The text begins at x (left-aligned for left-to-right text); SVG's default.</summary>
    Start,
    /// <summary>The text is centred on x.</summary>
    Middle,
    /// <summary>The text ends at x (right-aligned), e.g. y-axis tick labels.</summary>
    End,
}
