using System.Globalization;

namespace Dendrite.Plots;

/// <summary>Piecewise-linear interpolation between hex colour stops, and relative luminance for text contrast.</summary>
internal static class ColorRamp
{
    /// <summary>The colour at t ∈ [0, 1] (clamped; NaN → 0) along evenly spaced <paramref name="stops"/>.</summary>
    public static string At(IReadOnlyList<string> stops, double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double pos = t * (stops.Count - 1);
        int i = Math.Min((int)pos, stops.Count - 2);
        double u = pos - i;
        var (r0, g0, b0) = Parse(stops[i]);
        var (r1, g1, b1) = Parse(stops[i + 1]);
        return Hex(r0 + (r1 - r0) * u, g0 + (g1 - g0) * u, b0 + (b1 - b0) * u);
    }

    /// <summary>WCAG relative luminance (0 = black, 1 = white) of a "#rrggbb" colour.</summary>
    public static double Luminance(string hex)
    {
        var (r, g, b) = Parse(hex);
        static double Lin(double c)
        {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Lin(r) + 0.7152 * Lin(g) + 0.0722 * Lin(b);
    }

    private static (double R, double G, double B) Parse(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r):x2}{(int)Math.Round(g):x2}{(int)Math.Round(b):x2}");
}
