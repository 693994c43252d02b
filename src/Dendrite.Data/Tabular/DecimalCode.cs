namespace Dendrite.Data.Tabular;

/// <summary>
/// A plain decimal of a CSV field kept in 4 bytes instead of the 8 of its double, from which the double comes back
/// bit for bit: the field's mantissa (at most 134,217,726, i.e. 8 significant digits), its sign and its number of
/// fraction digits (at most 15), which is all <see cref="DecimalFastPath"/> computes the value from. Most numbers in
/// CSV files ("-0.35967", "8450", "19.7") fit; a column with one that does not is kept as doubles.
/// </summary>
/// <remarks>
/// Layout: bits 31–5 the mantissa, bit 4 the sign, bits 3–0 the fraction digits. All ones (a mantissa of 2^27 − 1,
/// never encoded) is a missing value. "-0" is kept as its sign, so it decodes to −0.0 as <c>double.Parse</c> gives.
/// </remarks>
internal static class DecimalCode
{
    /// <summary>The code of a missing value; it decodes to NaN.</summary>
    public const uint Missing = uint.MaxValue;

    private const ulong MaxMantissa = (1UL << 27) - 2;

    /// <summary>The code of <paramref name="text"/> when it is a plain decimal that fits; false otherwise.</summary>
    public static bool TryEncode(ReadOnlySpan<byte> text, out uint code)
    {
        code = 0;
        if (!DecimalFastPath.TryScan(text, out ulong mantissa, out int fraction, out bool negative) || mantissa > MaxMantissa || fraction > 15)
            return false;
        code = ((uint)mantissa << 5) | (negative ? 16u : 0u) | (uint)fraction;
        return true;
    }

    /// <summary>The value of <paramref name="code"/>: the bits <c>double.Parse</c> gives for its text; NaN for <see cref="Missing"/>.</summary>
    public static double Decode(uint code) =>
        code == Missing ? double.NaN : DecimalFastPath.Compose(code >> 5, (int)(code & 15), (code & 16) != 0);
}
