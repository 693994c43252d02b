using Dendrite.Plots.Charts;

namespace Dendrite.Plots.Tests.Rendering;

/// <summary>Realistic fake data for each chart type (shaped like a Fashion-MNIST MLP run), shared by tests and examples.</summary>
public static class SampleCharts
{
    public static readonly string[] FashionClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static string LearningCurve()
    {
        double[] epochs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] loss = [0.862, 0.531, 0.472, 0.437, 0.412, 0.393, 0.379, 0.366, 0.354, 0.345];
        double[] train = [0.689, 0.806, 0.826, 0.839, 0.848, 0.855, 0.860, 0.865, 0.869, 0.873];
        double[] val = [0.781, 0.812, 0.824, 0.826, 0.838, 0.841, 0.839, 0.850, 0.848, 0.853];
        double[] test = [0.774, 0.805, 0.818, 0.822, 0.831, 0.836, 0.833, 0.842, 0.841, 0.846];
        return LearningCurves.Render(epochs, loss, train, val, test,
            new LearningCurvesOptions { Title = "MLP on Fashion-MNIST (256 hidden, lr 0.1)" });
    }

    /// <summary>Rows = true class, columns = predicted, 1000 test images per class (as in Fashion-MNIST).</summary>
    public static int[,] FashionConfusion() => new int[,]
    {
        { 826,   3,  14,  38,   5,   1, 103,   0,  10,   0 },
        {   4, 958,   2,  26,   5,   0,   4,   0,   1,   0 },
        {  15,   1, 772,  12, 118,   0,  78,   0,   4,   0 },
        {  27,  10,  11, 872,  40,   0,  35,   0,   5,   0 },
        {   1,   1, 101,  33, 791,   0,  70,   0,   3,   0 },
        {   0,   0,   0,   1,   0, 948,   0,  32,   2,  17 },
        { 131,   2,  92,  34,  84,   0, 641,   0,  16,   0 },
        {   0,   0,   0,   0,   0,  23,   0, 945,   0,  32 },
        {   5,   1,   5,   7,   3,   4,  11,   5, 958,   1 },
        {   0,   0,   0,   0,   0,   9,   1,  38,   0, 952 },
    };

    public static string Confusion(bool normalize = false) =>
        ConfusionMatrixChart.Render(FashionConfusion(), FashionClasses,
            new ConfusionMatrixOptions { Title = normalize ? "Confusion matrix (row-normalised)" : "Confusion matrix (test set)", NormalizeRows = normalize });

    /// <summary>(true, predicted) class pairs for the grid: 3 of 10 are mistakes.</summary>
    public static readonly (int True, int Pred)[] Predictions =
        [(9, 9), (2, 2), (1, 1), (1, 1), (6, 0), (1, 1), (4, 2), (6, 6), (5, 5), (7, 5)];

    public static IReadOnlyList<GridImage> GridImages() =>
        Predictions.Select((p, i) => GridImage.Prediction(Silhouette(p.True, i), 28, FashionClasses[p.True], FashionClasses[p.Pred])).ToList();

    public static string Grid() =>
        ImageGrid.Render(GridImages(), new ImageGridOptions { Columns = 5, Title = "Predictions on test images" });

    public static IReadOnlyList<FunctionCurve> Activations()
    {
        var x = Enumerable.Range(-80, 161).Select(i => i / 10.0).ToArray();
        static double Sig(double v) => 1 / (1 + Math.Exp(-v));
        return
        [
            new("relu", x, x.Select(v => Math.Max(0, v)).ToArray(), x.Select(v => v > 0 ? 1.0 : 0.0).ToArray()),
            new("sigmoid", x, x.Select(Sig).ToArray(), x.Select(v => Sig(v) * (1 - Sig(v))).ToArray()),
            new("tanh", x, x.Select(Math.Tanh).ToArray(), x.Select(v => 1 - Math.Tanh(v) * Math.Tanh(v)).ToArray()),
        ];
    }

    public static string ActivationGrid() =>
        FunctionGrid.Render(Activations(), new FunctionGridOptions { Title = "Activation functions and their derivatives" });

    /// <summary>A deliberately awkward line chart: a NaN gap, an infinite point, a flat series and a single point.</summary>
    public static string EdgeCaseLines() => LineChart.Render(
    [
        new LineSeries("with gap", [1, 2, 3, 4, 5, 6], [0.2, 0.4, double.NaN, 0.5, double.PositiveInfinity, 0.7]),
        new LineSeries("flat", [1, 2, 3, 4, 5, 6], [0.3, 0.3, 0.3, 0.3, 0.3, 0.3]),
        new LineSeries("single", [3.5], [0.6]),
    ], new LineChartOptions { Title = "Edge cases <&>", XLabel = "step", YLabel = "value", Markers = true });

    /// <summary>
    /// A crude 28×28 clothing silhouette for class <paramref name="cls"/> with per-image shading, so the grid shows
    /// recognisable, varied pictures without shipping real data.
    /// </summary>
    public static byte[] Silhouette(int cls, int seed)
    {
        var px = new byte[28 * 28];
        for (int y = 0; y < 28; y++)
        {
            for (int x = 0; x < 28; x++)
            {
                bool body = x >= 8 && x <= 19 && y >= 5 && y <= 25;
                bool inside = cls switch
                {
                    // T-shirt: short sleeves slanting down from the shoulders.
                    0 => body || (y >= 5 && x >= 3 && x <= 24 && y <= 11 - Math.Max(0, Math.Abs(x - 13.5) - 6) * 0.6),
                    // Pullover, coat, shirt: long sleeves; the coat has a dark opening, the shirt a collar notch.
                    2 or 4 or 6 => (body || (y >= 5 && y <= 24 && x >= 4 && x <= 23 && (x <= 6 || x >= 21 || y <= 8)))
                                   && !(cls == 4 && (x == 13 || x == 14) && y >= 8)
                                   && !(cls == 6 && y <= 7 && Math.Abs(x - 13.5) < 8 - y),
                    1 => y >= 2 && y <= 26 && ((x >= 8 && x <= 13) || (x >= 15 && x <= 20) || (y <= 8 && x >= 8 && x <= 20)),
                    3 => y >= 2 && y <= 26 && Math.Abs(x - 13.5) <= 3 + (y - 2) * 0.35,
                    5 => y >= 15 && y <= 22 && x >= 3 && x <= 25 && (y >= 19 || (x + y) % 5 < 3),
                    7 => y >= 14 && y <= 22 && x >= 3 && x <= 25 && (y >= 18 || x <= 17),
                    9 => y >= 5 && y <= 23 && x >= 5 && x <= 24 && (y >= 16 || x <= 13),
                    _ => (y >= 10 && y <= 25 && x >= 4 && x <= 23) || (y >= 4 && y < 10 && x >= 9 && x <= 18 && (x <= 10 || x >= 17 || y <= 5)),
                };
                if (!inside) continue;
                double shade = 0.55 + 0.35 * Math.Sin((x * (1 + seed % 3) + y * 2 + seed) * 0.35) * 0.5 + 0.1 * (y / 28.0);
                px[y * 28 + x] = (byte)Math.Clamp(shade * 255, 60, 255);
            }
        }
        return px;
    }
}
