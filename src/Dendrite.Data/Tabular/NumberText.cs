using System.Globalization;

namespace Dendrite.Data.Tabular;

/// <summary>The one rule for "is this text a number": invariant culture, optional sign and exponent, finite.</summary>
internal static class NumberText
{
    /// <remarks>
    /// No thousands separators ("1,000" is text), so a comma can never be taken for a decimal point or vice versa.
    /// "NaN" and "Infinity" are not numbers here: NaN is a missing-value marker, and an infinite feature cannot be
    /// standardized.
    /// </remarks>
    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
