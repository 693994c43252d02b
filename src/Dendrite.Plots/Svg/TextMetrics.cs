namespace Dendrite.Plots.Svg;

/// <summary>
/// Estimates rendered text width without a font engine, from rough per-character advance widths of common
/// sans-serif faces (DejaVu/Liberation/Arial). Good to ~10 %, which is all layout needs to avoid overlaps.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double fontSize)
    {
        double widest = 0;
        foreach (string line in text.Split('\n'))
        {
            double em = 0;
            foreach (char c in line) em += Advance(c);
            widest = Math.Max(widest, em);
        }
        return widest * fontSize;
    }

    private static double Advance(char c) => c switch
    {
        'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'I' => 0.3,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '/' or ' ' or '-' => 0.38,
        'm' or 'w' or 'M' or 'W' => 0.9,
        >= 'A' and <= 'Z' => 0.7,
        >= '0' and <= '9' => 0.6,
        _ => 0.58,
    };
}
