using System.Globalization;

namespace Dendrite.Data.Tabular;

/// <summary>The one rule for "is this text a number": invariant culture, optional sign and exponent, finite.</summary>
internal static class NumberText
{
    /// <summary>The hint for a value that would be a number with a decimal point instead of its comma.</summary>
    public const string DecimalCommaHint =
        "decimal commas? numbers need a decimal point (1.5, not 1,5; no thousands separators): convert the file's commas to points";

    /// <remarks>
    /// No thousands separators ("1,000" is text), so a comma can never be taken for a decimal point or vice versa.
    /// "NaN" and "Infinity" are not numbers here: NaN is a missing-value marker, and an infinite feature cannot be
    /// standardized. Neither is a number beyond the range of a double ("1e400"), which would parse as infinity.
    /// </remarks>
    public static bool TryParse(string text, out double value) => TryParse(text.AsSpan(), out value);

    /// <inheritdoc cref="TryParse(string, out double)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        DecimalFastPath.TryParse(text, out value)
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

    /// <summary>The same rule for a field's UTF-8 bytes (non-ASCII bytes are never part of a number here).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) =>
        DecimalFastPath.TryParse(utf8, out value)
        || (double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether <paramref name="text"/> is a number written with one decimal comma ("1,5", "-0,25"), as European
    /// spreadsheets export them (with ';' as the separator).
    /// </summary>
    public static bool LooksLikeDecimalComma(string text)
    {
        int comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && comma == text.LastIndexOf(',') && !text.Contains('.', StringComparison.Ordinal)
               && TryParse(text.Replace(',', '.'), out _);
    }

    /// <summary>
    /// Why <paramref name="text"/> is not a number, when a likely reason shows ("; decimal commas? …"), else "".
    /// Appended to every "is not a number" message.
    /// </summary>
    public static string Hint(string text)
    {
        if (LooksLikeDecimalComma(text)) return "; " + DecimalCommaHint;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value))
            return double.IsInfinity(value) && !text.Contains("inf", StringComparison.OrdinalIgnoreCase) && !text.Contains('∞', StringComparison.Ordinal)
                ? "; it is beyond the range of a double (about ±1.8e308)"
                : "; infinite values cannot be standardized";
        return "";
    }
}
