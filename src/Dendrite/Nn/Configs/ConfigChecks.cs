using System.Globalization;

namespace Dendrite.Nn.Configs;

/// <summary>The shared checks of <see cref="LayerConfig.Validate"/>.</summary>
internal static class ConfigChecks
{
    public static void Width(int value, ModelLimits limits, string path, string name)
    {
        if (value < 1 || value > limits.MaxWidth)
            throw new ModelConfigException(Inv($"{path}: {name} is {value}, expected 1 to {limits.MaxWidth}"));
    }

    public static void Elements(long elements, ModelLimits limits, string path, string what)
    {
        if (elements > limits.MaxTensorElements)
            throw new ModelConfigException(Inv($"{path}: {what} would hold {elements:N0} values, more than the limit of {limits.MaxTensorElements:N0}"));
    }

    public static void Positive(float value, string path, string name)
    {
        if (!(value > 0f && float.IsFinite(value)))
            throw new ModelConfigException(Inv($"{path}: {name} is {value}, expected a finite number > 0"));
    }

    public static void Range(float value, float min, float max, bool maxInclusive, string path, string name)
    {
        if (!(value >= min && (maxInclusive ? value <= max : value < max)))
            throw new ModelConfigException(Inv($"{path}: {name} is {value}, expected {min} to {max}{(maxInclusive ? "" : " (exclusive)")}"));
    }

    /// <summary>The width a layer expects, against the width the previous layer produced.</summary>
    public static void Input(long? width, int expected, string path, string name)
    {
        if (width is { } w && w != expected)
            throw new ModelConfigException(Inv($"{path}: {name} is {expected} but the previous layer produces {w} features"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
