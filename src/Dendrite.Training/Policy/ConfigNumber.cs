using System.Globalization;

namespace Dendrite.Training.Policy;

/// <summary>
/// Numbers inside the text forms of settings ("step:2:0.5", "5:0.001"), read and written so that they round-trip
/// exactly. Text is read as a float and widened (what the command line always did, so the schedules of runs started
/// by version 1 keep their bits); a value is written in the float's short form when it is a float, else with all 17
/// digits of the double, which no float's short form equals, so settings built in code (0.7 as a double) survive a run
/// config unchanged.
/// </summary>
internal static class ConfigNumber
{
    /// <summary>The finite number in <paramref name="text"/>, or null.</summary>
    public static double? Parse(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d)) return null;
        // A float's short form means the float; any other text (17 digits of a double, written below) the double.
        float f = (float)d;
        return float.IsFinite(f) && f.ToString("R", CultureInfo.InvariantCulture) == text.Trim() ? f : d;
    }

    /// <summary>The shortest text <see cref="Parse"/> reads back to exactly <paramref name="value"/>.</summary>
    public static string Format(double value)
    {
        float f = (float)value;
        string shortForm = f.ToString("R", CultureInfo.InvariantCulture);
        return (double)f == value ? shortForm : value.ToString("G17", CultureInfo.InvariantCulture);
    }
}
