using Dendrite.Plots.Scales;
using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>A boxed legend inside the plot area, placed in the corner that hides the least data.</summary>
internal static class Legend
{
    private const double Pad = 8, Swatch = 24, Gap = 6;

    public static void Draw(SvgBuilder b, IReadOnlyList<LineSeries> series, LineChartOptions o, double left,
        double right, double top, double bottom, LinearScale x, LinearScale y, double font)
    {
        double row = font * 1.45;
        double width = Pad + Swatch + Gap + series.Max(s => TextMetrics.Width(s.Name, font)) + Pad;
        double height = Pad * 0.75 * 2 + row * series.Count;
        var position = o.Legend == LegendPosition.Auto ? Choose(series, left, right, top, bottom, width, height, x, y) : o.Legend;
        var (bx, by) = Corner(position, left, right, top, bottom, width, height);

        b.BeginGroup(cssClass: "legend");
        b.Rect(bx, by, width, height, "#ffffff", "#cccccc", 1, opacity: 0.9);
        for (int i = 0; i < series.Count; i++)
        {
            double cy = by + Pad * 0.75 + row * (i + 0.5);
            string color = LinePanel.ColorOf(series, i);
            b.Line(bx + Pad, cy, bx + Pad + Swatch, cy, color, 2, series[i].Dash);
            if (o.Markers) b.Circle(bx + Pad + Swatch / 2, cy, 3, color, "#ffffff");
            b.Text(bx + Pad + Swatch + Gap, cy, series[i].Name, new TextStyle(font, TextAnchor.Start, Palette.Text, Middle: true, CssClass: "legend-entry"));
        }
        b.EndGroup();
    }

    private static (double X, double Y) Corner(LegendPosition p, double left, double right, double top, double bottom,
        double w, double h)
    {
        const double Inset = 8;
        double xl = left + Inset, xr = right - Inset - w, yt = top + Inset, yb = bottom - Inset - h;
        return p switch
        {
            LegendPosition.TopLeft => (xl, yt),
            LegendPosition.BottomLeft => (xl, yb),
            LegendPosition.BottomRight => (xr, yb),
            _ => (xr, yt),
        };
    }

    // Scores each corner by how many points (and points interpolated along each segment) it would cover.
    private static LegendPosition Choose(IReadOnlyList<LineSeries> series, double left, double right, double top,
        double bottom, double w, double h, LinearScale x, LinearScale y)
    {
        LegendPosition[] order = [LegendPosition.TopRight, LegendPosition.BottomRight, LegendPosition.TopLeft, LegendPosition.BottomLeft];
        var samples = new List<(double X, double Y)>();
        foreach (var s in series)
        {
            for (int i = 0; i < s.Y.Count; i++)
            {
                if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
                var p = (X: x.Map(s.X[i]), Y: y.Map(s.Y[i]));
                samples.Add(p);
                if (i + 1 < s.Y.Count && double.IsFinite(s.X[i + 1]) && double.IsFinite(s.Y[i + 1]))
                {
                    var q = (X: x.Map(s.X[i + 1]), Y: y.Map(s.Y[i + 1]));
                    for (int k = 1; k < 12; k++)
                        samples.Add((p.X + (q.X - p.X) * k / 12, p.Y + (q.Y - p.Y) * k / 12));
                }
            }
        }
        LegendPosition best = order[0];
        int bestCount = int.MaxValue;
        foreach (var pos in order)
        {
            var (bx, by) = Corner(pos, left, right, top, bottom, w, h);
            int count = samples.Count(p => p.X >= bx - 4 && p.X <= bx + w + 4 && p.Y >= by - 4 && p.Y <= by + h + 4);
            if (count < bestCount) (best, bestCount) = (pos, count);
        }
        return best;
    }
}
