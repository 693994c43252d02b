using Dendrite.Plots.Scales;
using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>
/// A confusion-matrix heatmap: cell (i, j) counts examples of true class i predicted as class j.
/// Colour runs white → dark blue with the count (or the row share when normalised), each cell shows its value in
/// white on dark cells and dark text on light ones, and a colour bar on the right gives the scale.
/// </summary>
public static class ConfusionMatrixChart
{
    /// <summary>
    /// Renders <paramref name="matrix"/> as a standalone SVG document and returns its text. The size follows from the
    /// class count, <see cref="ConfusionMatrixOptions.CellSize"/> and the longest class name; column labels turn 45°
    /// when they do not fit their cell. With <see cref="ConfusionMatrixOptions.NormalizeRows"/>, a class with no
    /// examples shows a row of zeros.
    /// </summary>
    /// <param name="matrix">Counts [n, n]: row i = true class i, column j = predicted class j; every entry ≥ 0.</param>
    /// <param name="classNames">The n class names in index order, used for both rows and columns.</param>
    /// <param name="options">Appearance; null = the defaults of <see cref="ConfusionMatrixOptions"/>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="matrix"/> is empty, not square or has a negative entry, or <paramref name="classNames"/> does
    /// not have n entries.
    /// </exception>
    public static string Render(int[,] matrix, IReadOnlyList<string> classNames, ConfusionMatrixOptions? options = null)
    {
        var o = options ?? new ConfusionMatrixOptions();
        int n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n)
            throw new ArgumentException($"Confusion matrix must be square and non-empty, got {n}×{matrix.GetLength(1)}.", nameof(matrix));
        if (classNames.Count != n)
            throw new ArgumentException($"Got {classNames.Count} class names for a {n}×{n} matrix; expected {n}.", nameof(classNames));

        var (values, vmax) = Values(matrix, o.NormalizeRows);
        double f = o.FontSize, cell = o.CellSize > 0 ? o.CellSize : Math.Clamp(440.0 / n, 22, 60);
        double maxName = classNames.Max(c => TextMetrics.Width(c, f));
        bool rotate = maxName > cell - 6;
        const double M = 14, BarGap = 18, BarWidth = 14;

        double titleH = string.IsNullOrEmpty(o.Title) ? 0 : 34;
        double left = M + f * 1.8 + maxName + 8, top = M + titleH;
        double grid = n * cell;
        double xLabelsH = rotate ? maxName * Math.Sqrt(0.5) + f : f + 4;
        var barTicks = NiceTicks.Compute(0, vmax, 6, extend: false);
        double barLabelW = barTicks.Values.Max(t => TextMetrics.Width(barTicks.Format(t), f - 1));
        double width = left + grid + BarGap + BarWidth + 6 + barLabelW + M;
        double height = top + grid + 8 + xLabelsH + f * 1.6 + M;

        var b = new SvgBuilder(width, height);
        if (titleH > 0)
            b.Text(left + grid / 2, M + 18, o.Title!, new TextStyle(f + 4, TextAnchor.Middle, Palette.Text, Bold: true, CssClass: "title"));

        DrawCells(b, matrix, values, vmax, o.NormalizeRows, left, top, cell, f);
        DrawLabels(b, classNames, left, top, cell, grid, f, rotate);
        b.Text(left + grid / 2, top + grid + 8 + xLabelsH + f * 1.1, o.XLabel, new TextStyle(f + 1, TextAnchor.Middle, Palette.Text, CssClass: "axis-label"));
        b.Text(M + f, top + grid / 2, o.YLabel, new TextStyle(f + 1, TextAnchor.Middle, Palette.Text, Rotate: -90, CssClass: "axis-label"));
        DrawColorBar(b, barTicks, vmax, left + grid + BarGap, top, BarWidth, grid, f - 1);
        return b.Build();
    }

    private static (double[,] Values, double Max) Values(int[,] m, bool normalize)
    {
        int n = m.GetLength(0);
        var v = new double[n, n];
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            long rowSum = 0;
            for (int j = 0; j < n; j++)
            {
                if (m[i, j] < 0) throw new ArgumentException($"Confusion matrix entry [{i},{j}] = {m[i, j]} is negative; counts must be ≥ 0.", nameof(m));
                rowSum += m[i, j];
            }
            for (int j = 0; j < n; j++)
            {
                v[i, j] = normalize ? (rowSum == 0 ? 0 : (double)m[i, j] / rowSum) : m[i, j];
                max = Math.Max(max, v[i, j]);
            }
        }
        // Normalised shares always use the full 0..1 scale so charts compare; an all-zero matrix still gets a scale.
        return (v, normalize ? 1 : Math.Max(max, 1));
    }

    private static void DrawCells(SvgBuilder b, int[,] m, double[,] v, double vmax, bool normalize, double left,
        double top, double cell, double f)
    {
        int n = m.GetLength(0);
        int digits = normalize ? 4 : m.Cast<int>().Max().ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        double font = Math.Max(7, Math.Min(f, (cell - 6) / (0.62 * digits)));
        b.BeginGroup(cssClass: "cells");
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double x = left + j * cell, y = top + i * cell;
                string fill = ColorRamp.At(Palette.Blues, v[i, j] / vmax);
                b.Rect(x, y, cell, cell, fill, "#ffffff", 1, "cell", $"data-row=\"{i}\" data-col=\"{j}\" data-count=\"{m[i, j]}\"");
                string text = normalize ? v[i, j].ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : m[i, j].ToString(System.Globalization.CultureInfo.InvariantCulture);
                string ink = ColorRamp.Luminance(fill) < 0.4 ? "#ffffff" : Palette.Text;
                b.Text(x + cell / 2, y + cell / 2, text, new TextStyle(font, TextAnchor.Middle, ink, Middle: true, CssClass: "count"));
            }
        }
        b.EndGroup();
    }

    private static void DrawLabels(SvgBuilder b, IReadOnlyList<string> names, double left, double top, double cell,
        double grid, double f, bool rotate)
    {
        var yStyle = new TextStyle(f, TextAnchor.End, Palette.Text, Middle: true, CssClass: "class-label");
        var xStyle = rotate
            ? new TextStyle(f, TextAnchor.End, Palette.Text, Rotate: -45, CssClass: "class-label")
            : new TextStyle(f, TextAnchor.Middle, Palette.Text, CssClass: "class-label");
        for (int i = 0; i < names.Count; i++)
        {
            double c = (i + 0.5) * cell;
            b.Text(left - 6, top + c, names[i], yStyle);
            // Rotated labels end just below their column centre and run down-left, so long names never collide.
            if (rotate) b.Text(left + c + f * 0.35, top + grid + 8, names[i], xStyle);
            else b.Text(left + c, top + grid + 6 + f * 0.85, names[i], xStyle);
        }
    }

    private static void DrawColorBar(SvgBuilder b, TickSet ticks, double vmax, double x, double top, double w,
        double h, double f)
    {
        string gradient = b.LinearGradient(Palette.Blues, vertical: true);
        b.Rect(x, top, w, h, $"url(#{gradient})", "#999999", 0.5, "colorbar");
        var style = new TextStyle(f, TextAnchor.Start, Palette.MutedText, Middle: true, CssClass: "tick");
        foreach (double t in ticks.Values)
        {
            double y = top + h - t / vmax * h;
            b.Line(x + w, y, x + w + 3, y, Palette.Axis);
            b.Text(x + w + 6, y, ticks.Format(t), style);
        }
    }
}
