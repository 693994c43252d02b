namespace Dendrite.Plots.Charts;

/// <summary>
/// One named line: points (X[i], Y[i]). Non-finite Y (NaN, ±∞) or X values are gaps: the line breaks there.
/// </summary>
/// <param name="Name">Label shown in the legend.</param>
/// <param name="X">x coordinates, one per point, joined in list order.</param>
/// <param name="Y">y values, as many as X (rendering throws <see cref="ArgumentException"/> otherwise).</param>
/// <param name="Color">Stroke colour such as "#4e79a7"; null = the palette colour of the series' position
/// (<see cref="Palette.ForSeries"/>).</param>
/// <param name="Dash">SVG dash pattern such as "6 3"; null = solid.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    string? Color = null, string? Dash = null)
{
    /// <summary>A series over x = 1, 2, …, n (e.g. epochs).</summary>
    public static LineSeries OverIndex(string name, IReadOnlyList<double> y, string? color = null, string? dash = null)
    {
        var x = new double[y.Count];
        for (int i = 0; i < x.Length; i++) x[i] = i + 1;
        return new LineSeries(name, x, y, color, dash);
    }

    /// <summary>Widens float data (the engine's precision) to double.</summary>
    public static LineSeries FromFloats(string name, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        string? color = null, string? dash = null)
    {
        var xd = new double[x.Length];
        var yd = new double[y.Length];
        for (int i = 0; i < x.Length; i++) xd[i] = x[i];
        for (int i = 0; i < y.Length; i++) yd[i] = y[i];
        return new LineSeries(name, xd, yd, color, dash);
    }

    internal void Validate()
    {
        if (X.Count != Y.Count)
            throw new ArgumentException($"Series '{Name}' has {X.Count} x values but {Y.Count} y values; expected equal lengths.");
    }
}
