namespace Dendrite.Plots.Svg;

/// <summary>Horizontal alignment of a text element relative to its x coordinate (SVG <c>text-anchor</c>).</summary>
public enum TextAnchor
{
    Start,
    Middle,
    End,
}
