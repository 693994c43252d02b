using Dendrite.Plots.Charts;

namespace Dendrite.Cli.Plotting;

/// <summary>
/// The activations <c>dendrite plot activations</c> draws, each as a scalar f and its derivative f'.
/// This is the one place to switch to the activation registry (src/Dendrite/Nn/Activations) once it exposes
/// scalar f/df: every registered activation then gets a panel.
/// </summary>
internal static class ActivationCurves
{
    private sealed record Entry(string Name, Func<double, double> F, Func<double, double> Df);

    private static readonly Entry[] Entries =
    [
        // ReLU'(0) is taken as 0, as PyTorch's autograd does.
        new("relu", x => Math.Max(0, x), x => x > 0 ? 1 : 0),
        new("sigmoid", Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x))),
        new("tanh", Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x)),
    ];

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToArray();

    /// <summary>Each activation sampled at <paramref name="points"/> evenly spaced x in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static IReadOnlyList<FunctionCurve> Sample(double from = -8, double to = 8, int points = 321)
    {
        double[] x = Enumerable.Range(0, points).Select(i => from + (to - from) * i / (points - 1)).ToArray();
        return Entries.Select(e => new FunctionCurve(e.Name, x, x.Select(e.F).ToArray(), x.Select(e.Df).ToArray())).ToArray();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
