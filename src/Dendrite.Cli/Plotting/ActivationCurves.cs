using Dendrite.Nn;
using Dendrite.Plots.Charts;

namespace Dendrite.Cli.Plotting;

/// <summary>
/// Samples every elementwise activation of <see cref="ActivationRegistry"/> and its derivative for
/// <c>dendrite plot activations</c> (the d2l chapter's figures). The scalar pairs are the same formulas the
/// tensor ops run, evaluated in double. Gated layers (GLU, SwiGLU, GeGLU) are left out: their curve is their gate's,
/// which is already drawn (sigmoid, SiLU, GELU); "swish" is SiLU under another name.
/// </summary>
internal static class ActivationCurves
{
    private static readonly ActivationInfo[] Entries =
        ActivationRegistry.All.Where(a => !a.IsGated && a.Name != "swish").ToArray();

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToArray();

    public static IReadOnlyList<FunctionCurve> Sample(double from = -6, double to = 6, int points = 241)
    {
        double[] x = Enumerable.Range(0, points).Select(i => from + (to - from) * i / (points - 1)).ToArray();
        return Entries.Select(e => new FunctionCurve(e.Name, x, x.Select(e.Function).ToArray(), x.Select(e.Derivative).ToArray())).ToArray();
    }
}
