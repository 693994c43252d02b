using Dendrite.Data.Tabular;

namespace Dendrite.Onnx.Export;

/// <summary>
/// The texts the CSV reader takes for a missing value, spelled out for a graph that cannot compare ignoring case: the
/// empty field and every upper/lower-case spelling of <see cref="TabularCsvOptions.DefaultMissingValues"/> ("NA",
/// "na", "nA", "N/A", …, "NULL", "null", …), which is how <see cref="Training.Models.TableInput.LoadCsv"/> reads a
/// file to predict on.
/// </summary>
internal static class MissingMarkers
{
    /// <summary>Every marker, without duplicates, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = Build();

    private static string[] Build()
    {
        var result = new List<string> { "" };
        var seen = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (string marker in TabularCsvOptions.DefaultMissingValues)
            foreach (string spelling in Spellings(marker))
                if (seen.Add(spelling)) result.Add(spelling);
        return [.. result];
    }

    /// <summary>Every case variant of <paramref name="text"/> (2^letters of them; the markers are short).</summary>
    private static IEnumerable<string> Spellings(string text)
    {
        int[] letters = [.. Enumerable.Range(0, text.Length).Where(i => char.IsLetter(text[i]))];
        for (int mask = 0; mask < 1 << letters.Length; mask++)
        {
            char[] chars = text.ToCharArray();
            for (int j = 0; j < letters.Length; j++)
            {
                char c = chars[letters[j]];
                chars[letters[j]] = (mask & (1 << j)) != 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
            }
            yield return new string(chars);
        }
    }
}
