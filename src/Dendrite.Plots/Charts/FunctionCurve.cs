namespace Dendrite.Plots.Charts;

/// <summary>A function sampled at X with values Y = f(X) and derivative Dy = f'(X) (all the same length).</summary>
/// <param name="Name">Panel title; the legend shows it as name(x) and name'(x).</param>
/// <param name="X">Sample points, joined in list order (so normally ascending); non-finite values are gaps.</param>
/// <param name="Y">f at each sample point.</param>
/// <param name="Dy">f' at each sample point.</param>
public sealed record FunctionCurve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Dy)
{
    /// <summary>Widens float samples (the engine's precision) to double.</summary>
    public static FunctionCurve FromFloats(string name, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy) =>
        new(name, Widen(x), Widen(y), Widen(dy));

    internal void Validate()
    {
        if (Y.Count != X.Count || Dy.Count != X.Count)
            throw new ArgumentException($"Function '{Name}' has {X.Count} x, {Y.Count} y and {Dy.Count} dy values; expected equal lengths.");
    }

    private static double[] Widen(ReadOnlySpan<float> v)
    {
        var d = new double[v.Length];
        for (int i = 0; i < v.Length; i++) d[i] = v[i];
        return d;
    }
}
