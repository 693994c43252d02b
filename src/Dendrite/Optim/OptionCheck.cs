namespace Dendrite.Optim;

/// <summary>
/// Validation of optimizer and schedule options, so every option error reads the same way:
/// an <see cref="ArgumentOutOfRangeException"/> whose parameter name is the option and whose message says the allowed range.
/// </summary>
internal static class OptionCheck
{
    /// <summary>Finite and &gt; 0.</summary>
    public static void Positive(double value, string option)
    {
        if (!double.IsFinite(value) || value <= 0) Fail(value, option, "must be finite and > 0");
    }

    /// <summary>Finite and ≥ 0.</summary>
    public static void NonNegative(double value, string option)
    {
        if (!double.IsFinite(value) || value < 0) Fail(value, option, "must be finite and ≥ 0");
    }

    /// <summary>In [0, 1): a decay rate or momentum where 1 would never forget.</summary>
    public static void UnitInterval(double value, string option)
    {
        if (!(value >= 0 && value < 1)) Fail(value, option, "must be in [0, 1)");
    }

    /// <summary>In [0, 1].</summary>
    public static void ClosedUnitInterval(double value, string option)
    {
        if (!(value >= 0 && value <= 1)) Fail(value, option, "must be in [0, 1]");
    }

    /// <summary>A count ≥ <paramref name="minimum"/>.</summary>
    public static void AtLeast(long value, long minimum, string option)
    {
        if (value < minimum) Fail(value, option, $"must be ≥ {minimum}");
    }

    public static void Fail(object value, string option, string rule) =>
        throw new ArgumentOutOfRangeException(option, value, $"{option} {rule}, got {value}");
}
