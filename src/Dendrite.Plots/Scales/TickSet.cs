using System.Globalization;

namespace Dendrite.Plots.Scales;

/// <summary>
/// Tick positions that are whole multiples of <see cref="Step"/> = m·10^<see cref="Exponent"/>, m ∈ {1, 2, 5}.
/// <see cref="Min"/>/<see cref="Max"/> are the first and last tick, i.e. the data range widened to ticks.
/// </summary>
/// <param name="Values">Tick positions in data units, each a whole multiple of Step; ascending and non-empty when
/// made by <see cref="NiceTicks"/>.</param>
/// <param name="Step">Distance between neighbouring ticks, m·10^Exponent with m ∈ {1, 2, 5}.</param>
/// <param name="Exponent">Power of ten of Step; sets how many decimals <see cref="Format"/> prints.</param>
public sealed record TickSet(IReadOnlyList<double> Values, double Step, int Exponent)
{
    /// <summary>The first tick, Values[0]: the smallest, as <see cref="NiceTicks"/> lists ticks ascending.</summary>
    public double Min => Values[0];

    /// <summary>The last tick, Values[^1]: the largest, for ticks from <see cref="NiceTicks"/>.</summary>
    public double Max => Values[^1];

    /// <summary>
    /// Formats a tick with exactly as many decimals as the step needs (0.2 → "0.2", 0.25 → "0.25"),
    /// switching to scientific notation for very small or very large magnitudes where fixed notation gets long.
    /// Negative values use the typographic minus sign U+2212.
    /// </summary>
    public string Format(double value)
    {
        string text = FormatAscii(value);
        // Typographic minus (U+2212): a hyphen reads as a dash and is visibly shorter than the digits.
        return text.StartsWith('-') ? "\u2212" + text[1..] : text;
    }

    private string FormatAscii(double value)
    {
        if (value == 0) value = 0; // −0.0 → +0.0, so a tick never reads "−0"
        double largest = Math.Max(Math.Abs(Min), Math.Abs(Max));
        if (Exponent < -3 || largest >= 1e6)
        {
            if (value == 0) return "0";
            // Mantissa digits: the step's significant digits relative to the largest tick's magnitude.
            int magnitude = (int)Math.Floor(Math.Log10(largest));
            int digits = Math.Max(0, magnitude - Exponent);
            string mantissa = "0." + new string('#', digits);
            return value.ToString(digits == 0 ? "0e0" : mantissa + "e0", CultureInfo.InvariantCulture);
        }
        int decimals = Math.Max(0, -Exponent);
        // A step of 2.5·10^e does not occur (m ∈ {1,2,5}), so −e decimals always suffice.
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
