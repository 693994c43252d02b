using System.Globalization;

namespace Dendrite.Init;

public abstract partial record LinearInit
{
    /// <summary>The scheme names <see cref="Parse"/> accepts, for help texts.</summary>
    public static IReadOnlyList<string> SchemeNames { get; } =
        ["default", "normal:STD", "uniform:A", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "orthogonal"];

    /// <summary>
    /// Reads a scheme from text (case-insensitive): "default" (PyTorch's, biases drawn too), "normal:STD",
    /// "uniform:A", "xavier_uniform[:GAIN]", "xavier_normal[:GAIN]", "kaiming_uniform", "kaiming_normal"
    /// (fan_in, ReLU gain √2), "orthogonal[:GAIN]". Every scheme but "default" sets biases to zero.
    /// "normal" alone means d2l's std 0.01. <see cref="object.ToString"/> of a parsed scheme parses back to it.
    /// </summary>
    /// <exception cref="InitSchemeException">the text names no scheme or its number is malformed.</exception>
    public static LinearInit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        string? arg = colon < 0 ? null : trimmed[(colon + 1)..];
        try
        {
            return name switch
            {
                "default" when arg is null => Default,
                "normal" => Normal(arg is null ? 0.01f : Number(text, arg)),
                "uniform" when arg is not null => Uniform(Number(text, arg)),
                "xavier_uniform" => Xavier(uniform: true, arg is null ? 1f : Number(text, arg)),
                "xavier_normal" => Xavier(uniform: false, arg is null ? 1f : Number(text, arg)),
                "kaiming_uniform" when arg is null => Kaiming(uniform: true),
                "kaiming_normal" when arg is null => Kaiming(uniform: false),
                "orthogonal" => Orthogonal(arg is null ? 1f : Number(text, arg)),
                _ => throw Unknown(text),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InitSchemeException($"init scheme '{text}': {e.Message}", e);
        }
    }

    private static float Number(string text, string arg)
    {
        if (!float.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v) || v < 0f)
            throw new InitSchemeException($"init scheme '{text}': '{arg}' is not a finite non-negative number");
        return v;
    }

    private static InitSchemeException Unknown(string text) =>
        new($"unknown init scheme '{text}'; expected one of {string.Join(", ", SchemeNames)}");
}
