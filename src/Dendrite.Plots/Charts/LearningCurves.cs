using Dendrite.Plots.Scales;
using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Charts;

/// <summary>
/// The figure d2l draws after training: loss per epoch on the left, accuracies per epoch on the right.
/// Colour encodes the split (train blue, validation orange, test green) and stays the same across panels.
/// </summary>
public static class LearningCurves
{
    /// <summary>
    /// Renders two side-by-side panels. All series have one value per entry of <paramref name="epochs"/>;
    /// NaN marks an epoch without a value (e.g. validation every other epoch).
    /// </summary>
    public static string Render(IReadOnlyList<double> epochs, IReadOnlyList<double> trainLoss,
        IReadOnlyList<double> trainAcc, IReadOnlyList<double>? valAcc = null, IReadOnlyList<double>? testAcc = null,
        LearningCurvesOptions? options = null)
    {
        var o = options ?? new LearningCurvesOptions();
        Check(epochs, trainLoss, nameof(trainLoss));
        Check(epochs, trainAcc, nameof(trainAcc));
        if (valAcc is not null) Check(epochs, valAcc, nameof(valAcc));
        if (testAcc is not null) Check(epochs, testAcc, nameof(testAcc));

        var loss = new[] { new LineSeries("train loss", epochs, trainLoss, Palette.Series[0]) };
        var acc = new List<LineSeries> { new("train acc", epochs, trainAcc, Palette.Series[0]) };
        if (valAcc is not null) acc.Add(new LineSeries("val acc", epochs, valAcc, Palette.Series[1], "7 4"));
        if (testAcc is not null) acc.Add(new LineSeries("test acc", epochs, testAcc, Palette.Series[4], "2 3"));

        var b = new SvgBuilder(o.Width, o.Height);
        double top = 0;
        if (!string.IsNullOrEmpty(o.Title))
        {
            b.Text(o.Width / 2, 24, o.Title, new TextStyle(17, TextAnchor.Middle, Palette.Text, Bold: true, CssClass: "title"));
            top = 34;
        }
        double half = o.Width / 2;
        var common = new LineChartOptions { XLabel = "epoch", Markers = o.Markers, Width = half, Height = o.Height - top };
        LinePanel.Draw(b, 0, top, half, o.Height - top, loss, common with { Title = "Loss", YLabel = "loss" });
        LinePanel.Draw(b, half, top, half, o.Height - top, acc,
            common with { Title = "Accuracy", YLabel = "accuracy", YRange = o.AccuracyRange ?? AccuracyRange(acc) });
        return b.Build();
    }

    /// <summary>The same figure from float metrics (the engine's precision).</summary>
    public static string Render(ReadOnlySpan<float> epochs, ReadOnlySpan<float> trainLoss, ReadOnlySpan<float> trainAcc,
        float[]? valAcc = null, float[]? testAcc = null, LearningCurvesOptions? options = null) =>
        Render(Widen(epochs), Widen(trainLoss), Widen(trainAcc), valAcc is null ? null : Widen(valAcc),
            testAcc is null ? null : Widen(testAcc), options);

    // Nice ticks around the data, clamped to [0, 1]: an accuracy axis reaching 1.2 or −0.2 would look broken.
    private static AxisRange AccuracyRange(IReadOnlyList<LineSeries> acc)
    {
        var (min, max) = Extent.Of(acc.Select(s => s.Y));
        var ticks = NiceTicks.Compute(min, max, 6);
        double lo = Math.Max(0, ticks.Min), hi = Math.Min(1, ticks.Max);
        return hi > lo ? new AxisRange(lo, hi) : new AxisRange(0, 1);
    }

    private static void Check(IReadOnlyList<double> epochs, IReadOnlyList<double> values, string name)
    {
        if (values.Count != epochs.Count)
            throw new ArgumentException($"{name} has {values.Count} values but there are {epochs.Count} epochs; expected one value per epoch.", name);
    }

    private static double[] Widen(ReadOnlySpan<float> v)
    {
        var d = new double[v.Length];
        for (int i = 0; i < v.Length; i++) d[i] = v[i];
        return d;
    }
}
