using System.Globalization;

namespace Dendrite.Cli.Options;

/// <summary>String → typed value conversions at the CLI edge, each failing with a one-line usage error.</summary>
internal static class ValueParsers
{
    public static int PositiveInt(ParsedOptions o, string name, int fallback, int max = int.MaxValue)
    {
        string? s = o.Get(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v <= 0 || v > max)
            throw o.Error(name, max == int.MaxValue ? "must be a positive integer" : $"must be an integer from 1 to {max}");
        return v;
    }

    public static ulong NonNegativeLong(ParsedOptions o, string name, ulong fallback)
    {
        string? s = o.Get(name);
        if (s is null) return fallback;
        if (!ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v))
            throw o.Error(name, "must be a non-negative integer");
        return v;
    }

    /// <summary>
    /// A size in bytes: a positive number with an optional unit B, KB, MB, GB or TB (powers of 1024, case-insensitive,
    /// "2GB", "1.5g", "512MiB").
    /// </summary>
    public static long ByteSize(ParsedOptions o, string name)
    {
        string s = (o.Get(name) ?? "").Trim();
        int unitAt = s.Length;
        while (unitAt > 0 && char.IsAsciiLetter(s[unitAt - 1])) unitAt--;
        string unit = s[unitAt..].ToUpperInvariant().Replace("IB", "B", StringComparison.Ordinal);
        int shift = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" => 10,
            "M" or "MB" => 20,
            "G" or "GB" => 30,
            "T" or "TB" => 40,
            _ => -1,
        };
        if (shift < 0 || !double.TryParse(s[..unitAt], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            || !(number > 0) || number * Math.Pow(2, shift) >= long.MaxValue)
            throw o.Error(name, "must be a size such as 2GB, 512MB or 100000 (bytes)");
        return (long)(number * Math.Pow(2, shift));
    }

    /// <summary>A finite float; <paramref name="allowZero"/> decides whether 0 is accepted. Negatives never are.</summary>
    public static float NonNegativeFloat(ParsedOptions o, string name, float fallback, bool allowZero)
    {
        string? s = o.Get(name);
        if (s is null) return fallback;
        if (!TryFloat(s, out float v) || v < 0f || (!allowZero && v == 0f))
            throw o.Error(name, allowZero ? "must be a finite number ≥ 0" : "must be a finite number > 0");
        return v;
    }

    public static bool TryFloat(string s, out float value) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);

    /// <summary>One of <paramref name="choices"/> (case-insensitive), mapped to its value.</summary>
    public static T Choice<T>(ParsedOptions o, string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        string? s = o.Get(name);
        if (s is null) return fallback;
        foreach (var (key, value) in choices)
            if (string.Equals(key, s, StringComparison.OrdinalIgnoreCase)) return value;
        throw o.Error(name, "must be one of " + string.Join("|", choices.Keys));
    }
}
