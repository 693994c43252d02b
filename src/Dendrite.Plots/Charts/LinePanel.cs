using Dendrite.Plots.Scales;
using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>
/// Draws one line chart (title, axes, grid, lines, legend) into a rectangle of a larger document, so the
/// single chart, the learning-curve pair and the function grid share one implementation.
/// </summary>
internal static class LinePanel
{
    private const double Inset = 8;

    public static void Draw(SvgBuilder b, double x0, double y0, double w, double h,
        IReadOnlyList<LineSeries> series, LineChartOptions o)
    {
        foreach (var s in series) s.Validate();
        double f = o.FontSize, tickFont = f - 1.5, titleFont = f + 2;

        double top = y0 + (string.IsNullOrEmpty(o.Title) ? f * 0.9 : titleFont * 2.1);
        double bottom = y0 + h - (8 + tickFont + (string.IsNullOrEmpty(o.XLabel) ? 6 : 10 + f));
        var (yMin, yMax) = Extent.Of(series.Select(s => s.Y));
        // Data is mapped Inset pixels inside the axes so points at the extremes are not drawn over the axis lines.
        var yScale = LinearScale.Create(yMin, yMax, bottom - Inset, top + Inset, Math.Clamp((int)((bottom - top) / 34), 4, 8),
            extend: true, fixedMin: o.YRange?.Min, fixedMax: o.YRange?.Max);

        double yLabelWidth = yScale.Ticks.Values.Where(yScale.Contains)
            .Select(t => TextMetrics.Width(yScale.Ticks.Format(t), tickFont)).DefaultIfEmpty(0).Max();
        double left = x0 + (string.IsNullOrEmpty(o.YLabel) ? 6 : f + 12) + yLabelWidth + 8;
        double right = x0 + w - 18;

        var (xMin, xMax) = Extent.Of(series.Select(s => s.X));
        bool integerX = series.All(s => s.X.All(v => !double.IsFinite(v) || v == Math.Floor(v)));
        var xScale = LinearScale.Create(xMin, xMax, left + Inset, right - Inset, Math.Clamp((int)((right - left) / 70), 2, 10),
            extend: false, integerStep: integerX, fixedMin: o.XRange?.Min, fixedMax: o.XRange?.Max);

        DrawAxes(b, xScale, yScale, left, right, top, bottom, tickFont);
        DrawTitles(b, o, x0, left, right, top, bottom, y0, h, f, titleFont);

        // Lines may reach slightly beyond the plot when a fixed range cuts them; clip with room for line caps.
        string clip = b.ClipRect(left - 4, top - 4, right - left + 8, bottom - top + 8);
        b.BeginGroup(clipId: clip, cssClass: "series");
        for (int i = 0; i < series.Count; i++) DrawSeries(b, series[i], xScale, yScale, ColorOf(series, i), o.Markers);
        b.EndGroup();

        if (series.Count > 1 && o.Legend != LegendPosition.None)
            Legend.Draw(b, series, o, left, right, top, bottom, xScale, yScale, f - 1);
    }

    internal static string ColorOf(IReadOnlyList<LineSeries> series, int i) => series[i].Color ?? Palette.ForSeries(i);

    private static void DrawAxes(SvgBuilder b, LinearScale x, LinearScale y, double left, double right, double top,
        double bottom, double tickFont)
    {
        var tickStyle = new TextStyle(tickFont, TextAnchor.End, Palette.MutedText, Middle: true, CssClass: "tick");
        foreach (double t in y.Ticks.Values.Where(y.Contains))
        {
            double py = y.Map(t);
            b.Line(left, py, right, py, Palette.Grid);
            b.Line(left - 4, py, left, py, Palette.Axis);
            b.Text(left - 7, py, y.Ticks.Format(t), tickStyle);
        }
        var xTickStyle = tickStyle with { Anchor = TextAnchor.Middle, Middle = false };
        foreach (double t in x.Ticks.Values.Where(x.Contains))
        {
            double px = x.Map(t);
            b.Line(px, top, px, bottom, Palette.Grid);
            b.Line(px, bottom, px, bottom + 4, Palette.Axis);
            b.Text(px, bottom + 7 + tickFont * 0.85, x.Ticks.Format(t), xTickStyle);
        }
        b.Line(left, top, left, bottom, Palette.Axis);
        b.Line(left, bottom, right, bottom, Palette.Axis);
    }

    private static void DrawTitles(SvgBuilder b, LineChartOptions o, double x0, double left, double right, double top,
        double bottom, double y0, double h, double f, double titleFont)
    {
        double midX = (left + right) / 2;
        if (!string.IsNullOrEmpty(o.Title))
            b.Text(midX, y0 + titleFont * 1.35, o.Title, new TextStyle(titleFont, TextAnchor.Middle, Palette.Text, Bold: true, CssClass: "title"));
        if (!string.IsNullOrEmpty(o.XLabel))
            b.Text(midX, y0 + h - 6, o.XLabel, new TextStyle(f, TextAnchor.Middle, Palette.Text, CssClass: "axis-label"));
        if (!string.IsNullOrEmpty(o.YLabel))
            b.Text(x0 + f + 2, (top + bottom) / 2, o.YLabel, new TextStyle(f, TextAnchor.Middle, Palette.Text, Rotate: -90, CssClass: "axis-label"));
    }

    private static void DrawSeries(SvgBuilder b, LineSeries s, LinearScale x, LinearScale y, string color, bool markers)
    {
        var d = new System.Text.StringBuilder();
        var isolated = new List<(double X, double Y)>();
        var points = new List<(double X, double Y)>();
        int runLength = 0;
        (double X, double Y) runStart = default;
        for (int i = 0; i < s.Y.Count; i++)
        {
            double xv = s.X[i], yv = s.Y[i];
            if (!double.IsFinite(xv) || !double.IsFinite(yv))
            {
                // A gap: the next finite point starts a new sub-path, so NaN never reaches the SVG.
                if (runLength == 1) isolated.Add(runStart);
                runLength = 0;
                continue;
            }
            var p = (x.Map(xv), y.Map(yv));
            points.Add(p);
            d.Append(runLength == 0 ? 'M' : 'L').Append(SvgBuilder.Num(p.Item1)).Append(' ').Append(SvgBuilder.Num(p.Item2)).Append(' ');
            if (runLength == 0) runStart = p;
            runLength++;
        }
        if (runLength == 1) isolated.Add(runStart);
        b.Path(d.ToString().TrimEnd(), color, 2, dash: s.Dash, cssClass: "line");
        // A point with no neighbour draws nothing as a path, so show it as a dot.
        foreach (var (px, py) in markers ? points : isolated) b.Circle(px, py, 3, color, "#ffffff", 1);
    }
}
