using System.Globalization;

namespace Dendrite.Training.Policy;

/// <summary>Gradient clipping before every optimizer step (<see cref="Optim.GradientClipping"/>).</summary>
/// <param name="Kind">By joint norm or by value.</param>
/// <param name="Threshold">Max norm or max |g| (finite, &gt; 0).</param>
public sealed record GradientClip(GradientClipKind Kind, float Threshold)
{
    /// <summary>Reads "norm:X" or "value:X" with X &gt; 0.</summary>
    /// <exception cref="DendriteException">any other text.</exception>
    public static GradientClip Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] p = text.Trim().ToLowerInvariant().Split(':');
        if (p.Length == 2 && float.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float x) && x > 0f && float.IsFinite(x))
        {
            if (p[0] == "norm") return new GradientClip(GradientClipKind.Norm, x);
            if (p[0] == "value") return new GradientClip(GradientClipKind.Value, x);
        }
        throw new DendriteException($"gradient clipping '{InputText.Clip(text)}' must be norm:X or value:X with X > 0");
    }

    /// <summary>The text <see cref="Parse"/> reads back ("norm:1").</summary>
    public string Format() => FormattableString.Invariant($"{Kind.ToString().ToLowerInvariant()}:{Threshold:R}");
}
