using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dendrite;

/// <summary>
/// Text from an input file quoted in an error message: one line, and short. A message names what is wrong; it must
/// not paste a 50 MB header line or a field holding line breaks into the terminal, so every echoed piece of input
/// goes through <see cref="Clip"/> or <see cref="List"/>.
/// </summary>
public static class InputText
{
    /// <summary>The most characters of one piece of input an error message quotes.</summary>
    public const int MaxEcho = 80;

    /// <summary>The most characters a quoted list of names takes before it is cut.</summary>
    public const int MaxList = 100;

    /// <summary>
    /// <paramref name="text"/> with control characters escaped (\n, \r, \t, \0, \uXXXX) so it stays on one line, cut
    /// to about <paramref name="max"/> characters with an ellipsis.
    /// </summary>
    public static string Clip(string? text, int max = MaxEcho)
    {
        if (text is null) return "";
        var result = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (result.Length >= max)
            {
                result.Append('…');
                break;
            }
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case '\0': result.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                        result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// The items quoted ('a', 'b', 'c'), each clipped, the whole cut after about <see cref="MaxList"/> characters with
    /// the total count: "'a', 'b', … (5000 in all)".
    /// </summary>
    public static string List(IEnumerable<string> items)
    {
        var result = new StringBuilder();
        int count = 0, shown = 0;
        foreach (string item in items)
        {
            count++;
            if (result.Length >= MaxList) continue;
            if (shown > 0) result.Append(", ");
            result.Append('\'').Append(Clip(item, MaxList / 2)).Append('\'');
            shown++;
        }
        if (shown < count) result.Append($", … ({count} in all)");
        return result.ToString();
    }

    /// <summary>
    /// Where a JSON text is malformed ("line 3, byte 17"), without .NET's message, which quotes the rest of the
    /// offending line and so can paste arbitrary input into an error.
    /// </summary>
    public static string JsonError(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.LineNumber is long line
            ? string.Create(CultureInfo.InvariantCulture, $"malformed at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}")
            : "malformed";
    }
}
