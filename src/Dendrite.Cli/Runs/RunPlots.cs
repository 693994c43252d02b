using Dendrite.Data;
using Dendrite.Plots;
using Dendrite.Plots.Charts;
using Dendrite.Training;
using Dendrite.Training.Models;
using Dendrite.Training.Reports;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The charts of a run folder's plots/: learning curves after every epoch; at the end, for a classifier, the test
/// set's confusion matrix and, for images, a grid of the first test images with their true and predicted labels (as
/// d2l shows after training).
/// </summary>
internal static class RunPlots
{
    public const string LearningCurvesFile = "learning_curves.svg";
    public const string ConfusionMatrixFile = "confusion_matrix.svg";
    public const string PredictionsFile = "predictions.svg";

    /// <summary>Images in the prediction grid.</summary>
    public const int GridImages = 10;

    public static void WriteLearningCurves(RunFolder folder, IReadOnlyList<EpochResult> history, TaskKind task)
    {
        double[] epochs = [.. history.Select(h => (double)h.Epoch)];
        string svg;
        if (task == TaskKind.Classification)
        {
            svg = LearningCurves.Render(epochs, [.. history.Select(h => h.TrainLoss)], [.. history.Select(h => h.TrainAccuracy)],
                valAcc: history.Any(h => h.Validation is not null) ? [.. history.Select(h => h.ValidationAccuracy ?? double.NaN)] : null,
                testAcc: [.. history.Select(h => h.TestAccuracy)],
                new LearningCurvesOptions { Title = "Learning curves" });
        }
        else
        {
            var series = new List<LineSeries>
            {
                new("train loss", epochs, [.. history.Select(h => h.TrainLoss)], Palette.Series[0]),
                new("test loss", epochs, [.. history.Select(h => h.Test?.Loss ?? double.NaN)], Palette.Series[4], "2 3"),
            };
            if (history.Any(h => h.Validation is not null))
                series.Add(new LineSeries("val loss", epochs, [.. history.Select(h => h.Validation?.Loss ?? double.NaN)], Palette.Series[1], "7 4"));
            svg = LineChart.Render(series, new LineChartOptions { Title = "Learning curves", XLabel = "epoch", YLabel = "loss (model units)" });
        }
        Save(folder.PlotPath(LearningCurvesFile), svg);
    }

    public static void WriteFinal(RunFolder folder, TrainedModel model, InMemoryDataset? test)
    {
        if (test is null || test.Count == 0 || model.Info.Task != TaskKind.Classification) return;
        var predictor = new Predictor(model);
        IReadOnlyList<string> classNames = model.Info.ClassNames!;
        float[] logits = predictor.Outputs(test.Features, test.Count);
        var report = ClassificationReport.FromLogits(logits, test.Labels, classNames);
        Save(folder.PlotPath(ConfusionMatrixFile), ConfusionMatrixChart.Render(report.Confusion, classNames,
            new ConfusionMatrixOptions { Title = "Confusion matrix (test set)" }));
        if (model.Info.Input is not ImageInput) return;
        int n = Math.Min(GridImages, test.Count);
        float[] first = test.Features.AsSpan(0, n * test.FeatureCount).ToArray();
        int[] predicted = Predictions.ArgMax(logits.AsSpan(0, n * classNames.Count), classNames.Count);
        string? grid = PredictionGrid.Render(first, test.FeatureCount, test.Labels.AsSpan(0, n).ToArray(), predicted, classNames);
        if (grid is not null) Save(folder.PlotPath(PredictionsFile), grid);
    }

    /// <summary>
    /// Writes a chart atomically. It runs after the epoch's checkpoint is on disk, so a chart that cannot be written
    /// (a full disk, a missing plots/ folder) stops the run with one line but never costs a checkpoint.
    /// </summary>
    private static void Save(string path, string svg) =>
        Formats.IO.AtomicFile.WriteAll(path, new System.Text.UTF8Encoding(false).GetBytes(svg), "chart");
}
