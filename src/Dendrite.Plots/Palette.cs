namespace Dendrite.Plots;

/// <summary>
/// Colours shared by all charts. Series use Tableau 10 (designed to stay distinguishable for the common forms
/// of colour-vision deficiency when paired with distinct dash patterns, which the learning curves also use).
/// </summary>
public static class Palette
{
    /// <summary>Tableau 10, in its canonical order: blue, orange, red, teal, green, yellow, purple, pink, brown, grey.</summary>
    public static IReadOnlyList<string> Series { get; } =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ];

    /// <summary>Sequential white → dark blue (ColorBrewer "Blues"), for heatmaps.</summary>
    public static IReadOnlyList<string> Blues { get; } =
    [
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b",
    ];

    /// <summary>Titles, labels and legend entries: dark grey, ≈ 12.6:1 contrast on white.</summary>
    public const string Text = "#333333";
    /// <summary>Tick labels: lighter than <see cref="Text"/>, still ≈ 7.5:1 on white.</summary>
    public const string MutedText = "#555555";
    /// <summary>Axis lines and tick marks.</summary>
    public const string Axis = "#666666";
    /// <summary>Grid lines behind the data, light enough not to compete with the series.</summary>
    public const string Grid = "#e6e6e6";

    /// <summary>Red used to flag wrong predictions; dark enough for 4.5:1 contrast on white.</summary>
    public const string Error = "#c62828";

    /// <summary>Colour of series <paramref name="index"/>, cycling through <see cref="Series"/>.</summary>
    public static string ForSeries(int index) => Series[index % Series.Count];
}
