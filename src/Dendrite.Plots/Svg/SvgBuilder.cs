using System.Globalization;
using System.Text;

namespace Dendrite.Plots.Svg;

/// <summary>
/// A minimal append-only SVG writer. Coordinates are user units (pixels at 100 % zoom); numbers are written
/// with the invariant culture and at most two decimals, and all text and attribute values are XML-escaped,
/// so the output is well-formed for any input string.
/// </summary>
public sealed class SvgBuilder
{
    private readonly StringBuilder _sb = new();
    private int _nextId;
    private int _openGroups;

    /// <summary>Starts a document of the given pixel size on a white background, font-family sans-serif.</summary>
    public SvgBuilder(double width, double height)
    {
        if (!(width > 0) || !(height > 0))
            throw new ArgumentOutOfRangeException(nameof(width), $"SVG size must be positive, got {width}×{height}.");
        Width = width;
        Height = height;
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Num(width))
           .Append("\" height=\"").Append(Num(height))
           .Append("\" viewBox=\"0 0 ").Append(Num(width)).Append(' ').Append(Num(height))
           .Append("\" font-family=\"sans-serif\">\n");
        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>Document width in user units (pixels), as given to the constructor.</summary>
    public double Width { get; }

    /// <summary>Document height in user units (pixels), as given to the constructor.</summary>
    public double Height { get; }

    /// <summary>Returns a document-unique id with the given prefix (for clip paths and gradients).</summary>
    public string NewId(string prefix) => $"{prefix}{_nextId++}";

    /// <summary>
    /// Appends a rectangle with top-left corner (x, y), filled with <paramref name="fill"/> (any SVG paint, e.g.
    /// "#ff0000" or "url(#grad0)") and outlined when <paramref name="stroke"/> is not null. A negative width or height
    /// draws nothing rather than failing. <paramref name="opacity"/> below 1 sets fill-opacity.
    /// <paramref name="data"/> is appended verbatim as extra attributes (e.g. <c>data-row="2"</c>) and is not
    /// escaped, so it must be well-formed. Returns this builder.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a coordinate, size or stroke width is not finite.</exception>
    public SvgBuilder Rect(double x, double y, double w, double h, string fill, string? stroke = null,
        double strokeWidth = 1, string? cssClass = null, string? data = null, double opacity = 1)
    {
        _sb.Append("<rect x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
           .Append("\" width=\"").Append(Num(Math.Max(0, w))).Append("\" height=\"").Append(Num(Math.Max(0, h)))
           .Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (opacity < 1) _sb.Append(" fill-opacity=\"").Append(Num(opacity)).Append('"');
        AppendStroke(stroke, strokeWidth, null);
        AppendClass(cssClass);
        if (data is not null) _sb.Append(' ').Append(data);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>
    /// Appends a line from (x1, y1) to (x2, y2) in colour <paramref name="stroke"/>, <paramref name="strokeWidth"/>
    /// wide, dashed by the SVG dash pattern <paramref name="dash"/> (e.g. "6 3"; null = solid). Returns this builder.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a coordinate or the stroke width is not finite.</exception>
    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1,
        string? dash = null)
    {
        _sb.Append("<line x1=\"").Append(Num(x1)).Append("\" y1=\"").Append(Num(y1))
           .Append("\" x2=\"").Append(Num(x2)).Append("\" y2=\"").Append(Num(y2)).Append('"');
        AppendStroke(stroke, strokeWidth, dash);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Appends a path; <paramref name="d"/> is built by the caller from <see cref="Num"/>-formatted numbers.</summary>
    public SvgBuilder Path(string d, string stroke, double strokeWidth = 1.5, string fill = "none",
        string? dash = null, string? cssClass = null)
    {
        if (d.Length == 0) return this;
        _sb.Append("<path d=\"").Append(Escape(d)).Append("\" fill=\"").Append(Escape(fill)).Append('"');
        AppendStroke(stroke, strokeWidth, dash);
        _sb.Append(" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        AppendClass(cssClass);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>
    /// Appends a circle of radius <paramref name="r"/> centred at (cx, cy), filled with <paramref name="fill"/> and
    /// outlined when <paramref name="stroke"/> is not null. Returns this builder.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a coordinate, radius or stroke width is not finite.</exception>
    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? stroke = null,
        double strokeWidth = 1)
    {
        _sb.Append("<circle cx=\"").Append(Num(cx)).Append("\" cy=\"").Append(Num(cy))
           .Append("\" r=\"").Append(Num(r)).Append("\" fill=\"").Append(Escape(fill)).Append('"');
        AppendStroke(stroke, strokeWidth, null);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>
    /// Appends text; a '\n' in <paramref name="text"/> starts a new line 1.25 em below (as tspans),
    /// so multi-line captions stay one element.
    /// </summary>
    public SvgBuilder Text(double x, double y, string text, TextStyle style)
    {
        _sb.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
           .Append("\" font-size=\"").Append(Num(style.Size)).Append("\" fill=\"").Append(Escape(style.Fill)).Append('"');
        if (style.Anchor != TextAnchor.Start)
            _sb.Append(" text-anchor=\"").Append(style.Anchor == TextAnchor.Middle ? "middle" : "end").Append('"');
        if (style.Bold) _sb.Append(" font-weight=\"bold\"");
        // dy instead of dominant-baseline: renderers agree on em offsets, not on baseline keywords.
        if (style.Middle) _sb.Append(" dy=\"0.35em\"");
        if (style.Rotate != 0)
            _sb.Append(" transform=\"rotate(").Append(Num(style.Rotate)).Append(' ').Append(Num(x)).Append(' ')
               .Append(Num(y)).Append(")\"");
        AppendClass(style.CssClass);
        _sb.Append('>');
        string[] lines = text.Split('\n');
        if (lines.Length == 1)
        {
            _sb.Append(Escape(text));
        }
        else
        {
            for (int i = 0; i < lines.Length; i++)
            {
                _sb.Append("<tspan x=\"").Append(Num(x)).Append("\" dy=\"").Append(i == 0 ? "0" : "1.25em")
                   .Append("\">").Append(Escape(lines[i])).Append("</tspan>");
            }
        }
        _sb.Append("</text>\n");
        return this;
    }

    /// <summary>
    /// Embeds a raster image (e.g. a PNG data URI). With <paramref name="pixelated"/> the browser scales it by
    /// pixel replication, so a 28×28 digit stays crisp at 84×84 instead of being blurred.
    /// </summary>
    public SvgBuilder Image(double x, double y, double w, double h, string href, bool pixelated = true,
        string? cssClass = null)
    {
        _sb.Append("<image x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
           .Append("\" width=\"").Append(Num(w)).Append("\" height=\"").Append(Num(h))
           .Append("\" preserveAspectRatio=\"none\" href=\"").Append(Escape(href)).Append('"');
        if (pixelated) _sb.Append(" style=\"image-rendering:pixelated\"");
        AppendClass(cssClass);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Defines a rectangular clip path and returns its id for <see cref="BeginGroup"/>.</summary>
    public string ClipRect(double x, double y, double w, double h)
    {
        string id = NewId("clip");
        _sb.Append("<clipPath id=\"").Append(id).Append("\">");
        _sb.Append("<rect x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
           .Append("\" width=\"").Append(Num(w)).Append("\" height=\"").Append(Num(h)).Append("\"/>");
        _sb.Append("</clipPath>\n");
        return id;
    }

    /// <summary>Defines a linear gradient (bottom → top when <paramref name="vertical"/>) and returns its id.</summary>
    public string LinearGradient(IReadOnlyList<string> colors, bool vertical)
    {
        string id = NewId("grad");
        _sb.Append("<linearGradient id=\"").Append(id).Append('"');
        _sb.Append(vertical ? " x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">" : " x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">");
        for (int i = 0; i < colors.Count; i++)
        {
            double offset = colors.Count == 1 ? 0 : (double)i / (colors.Count - 1);
            _sb.Append("<stop offset=\"").Append(Num(offset)).Append("\" stop-color=\"").Append(Escape(colors[i]))
               .Append("\"/>");
        }
        _sb.Append("</linearGradient>\n");
        return id;
    }

    /// <summary>
    /// Opens a &lt;g&gt; element that the following elements belong to until <see cref="EndGroup"/>.
    /// <paramref name="transform"/> is an SVG transform list (e.g. "translate(10 20)"), <paramref name="clipId"/> an id
    /// from <see cref="ClipRect"/>, <paramref name="cssClass"/> a class for styling and for tests to find the group.
    /// Groups may nest; <see cref="Build"/> closes any still open. Returns this builder.
    /// </summary>
    public SvgBuilder BeginGroup(string? transform = null, string? clipId = null, string? cssClass = null)
    {
        _sb.Append("<g");
        if (transform is not null) _sb.Append(" transform=\"").Append(Escape(transform)).Append('"');
        if (clipId is not null) _sb.Append(" clip-path=\"url(#").Append(Escape(clipId)).Append(")\"");
        AppendClass(cssClass);
        _sb.Append(">\n");
        _openGroups++;
        return this;
    }

    /// <summary>Closes the innermost group opened by <see cref="BeginGroup"/>. Returns this builder.</summary>
    /// <exception cref="InvalidOperationException">no group is open.</exception>
    public SvgBuilder EndGroup()
    {
        if (_openGroups == 0) throw new InvalidOperationException("EndGroup without a matching BeginGroup.");
        _openGroups--;
        _sb.Append("</g>\n");
        return this;
    }

    /// <summary>Closes any open groups and the root element and returns the document.</summary>
    public string Build()
    {
        var copy = new StringBuilder(_sb.Length + 16 * (_openGroups + 1)).Append(_sb);
        for (int i = 0; i < _openGroups; i++) copy.Append("</g>\n");
        copy.Append("</svg>\n");
        return copy.ToString();
    }

    /// <summary>The document so far, as <see cref="Build"/> returns it; the builder can still be appended to.</summary>
    public override string ToString() => Build();

    /// <summary>Escapes the five XML special characters and drops characters XML 1.0 forbids.</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    // Control characters other than tab/newline/CR are not allowed in XML 1.0 at all.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Formats a coordinate: invariant culture, at most two decimals, never "-0". Non-finite values are
    /// a caller bug (they would silently produce an unreadable SVG), so they throw.
    /// </summary>
    public static string Num(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), $"Non-finite SVG coordinate {v}.");
        double r = Math.Round(v, 2);
        return r == 0 ? "0" : r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private void AppendStroke(string? stroke, double width, string? dash)
    {
        if (stroke is null) return;
        _sb.Append(" stroke=\"").Append(Escape(stroke)).Append("\" stroke-width=\"").Append(Num(width)).Append('"');
        if (dash is not null) _sb.Append(" stroke-dasharray=\"").Append(Escape(dash)).Append('"');
    }

    private void AppendClass(string? cssClass)
    {
        if (cssClass is not null) _sb.Append(" class=\"").Append(Escape(cssClass)).Append('"');
    }
}
