using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>
/// Small multiples: one panel per function showing f (solid blue) and f' (dashed orange), arranged in rows of
/// <see cref="FunctionGridOptions.Columns"/> — the activation figures of the d2l MLP chapter in one picture.
/// </summary>
public static class FunctionGrid
{
    /// <summary>
    /// Renders one panel per function, filled left to right and top to bottom, as an SVG document of
    /// columns·<see cref="FunctionGridOptions.PanelWidth"/> × rows·<see cref="FunctionGridOptions.PanelHeight"/> pixels
    /// (plus 36 for a title), and returns its text. Non-finite samples leave gaps in the curves.
    /// </summary>
    /// <param name="functions">At least one curve, each with X, Y and Dy of equal length.</param>
    /// <param name="options">Appearance; null = the defaults of <see cref="FunctionGridOptions"/>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="functions"/> is empty, or a curve's X, Y and Dy differ in length.
    /// </exception>
    public static string Render(IReadOnlyList<FunctionCurve> functions, FunctionGridOptions? options = null)
    {
        var o = options ?? new FunctionGridOptions();
        if (functions.Count == 0) throw new ArgumentException("FunctionGrid needs at least one function.", nameof(functions));
        foreach (var fn in functions) fn.Validate();

        int columns = o.Columns > 0 ? o.Columns : Math.Min(functions.Count, 3);
        int rows = (functions.Count + columns - 1) / columns;
        double titleH = string.IsNullOrEmpty(o.Title) ? 0 : 36;
        var b = new SvgBuilder(columns * o.PanelWidth, titleH + rows * o.PanelHeight);
        if (titleH > 0)
            b.Text(b.Width / 2, 24, o.Title!, new TextStyle(17, TextAnchor.Middle, Palette.Text, Bold: true, CssClass: "title"));

        for (int k = 0; k < functions.Count; k++)
        {
            var fn = functions[k];
            var series = new[]
            {
                new LineSeries($"{fn.Name}(x)", fn.X, fn.Y, Palette.Series[0]),
                new LineSeries($"{fn.Name}'(x)", fn.X, fn.Dy, Palette.Series[1], "6 3"),
            };
            var panel = new LineChartOptions
            {
                Title = fn.Name, XLabel = "x", Width = o.PanelWidth, Height = o.PanelHeight, YRange = o.YRange, FontSize = 12,
            };
            b.BeginGroup(cssClass: "panel");
            LinePanel.Draw(b, k % columns * o.PanelWidth, titleH + k / columns * o.PanelHeight, o.PanelWidth, o.PanelHeight, series, panel);
            b.EndGroup();
        }
        return b.Build();
    }
}
