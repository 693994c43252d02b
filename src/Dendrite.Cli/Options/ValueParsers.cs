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
