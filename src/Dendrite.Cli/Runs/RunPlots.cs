using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Plots;
using Dendrite.Plots.Charts;
using Dendrite.Training;
using Dendrite.Training.Reports;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The charts of a run folder's plots/: learning curves after every epoch; at the end, the test set's confusion
/// matrix and a grid of the first test images with their true and predicted labels (as d2l shows after training).
/// </summary>
internal static class RunPlots
{
    public const string LearningCurvesFile = "learning_curves.svg";
    public const string ConfusionMatrixFile = "confusion_matrix.svg";
    public const string PredictionsFile = "predictions.svg";

    /// <summary>Images in the prediction grid.</summary>
    public const int GridImages = 10;

    public static void WriteLearningCurves(RunFolder folder, IReadOnlyList<EpochResult> history)
    {
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        string svg = LearningCurves.Render(epochs, history.Select(h => h.TrainLoss).ToArray(),
            history.Select(h => h.TrainAccuracy).ToArray(),
            valAcc: history.Any(h => h.ValidationAccuracy is not null) ? history.Select(h => h.ValidationAccuracy ?? double.NaN).ToArray() : null,
            testAcc: history.Select(h => h.TestAccuracy).ToArray(),
            new LearningCurvesOptions { Title = "Learning curves" });
        SvgFile.Save(folder.PlotPath(LearningCurvesFile), svg);
    }

    public static void WriteFinal(RunFolder folder, Module model, InMemoryDataset test, IReadOnlyList<string> classNames)
    {
        if (test.Count == 0) return;
        var report = ClassificationReport.Evaluate(model, test, classNames);
        SvgFile.Save(folder.PlotPath(ConfusionMatrixFile), ConfusionMatrixChart.Render(report.Confusion, classNames,
            new ConfusionMatrixOptions { Title = "Confusion matrix (test set)" }));
        int n = Math.Min(GridImages, test.Count);
        float[] first = test.Features.AsSpan(0, n * test.FeatureCount).ToArray();
        int[] predicted = Predictions.ArgMax(Predictions.Logits(model, first, test.FeatureCount), classNames.Count);
        string? grid = PredictionGrid.Render(first, test.FeatureCount, test.Labels.AsSpan(0, n).ToArray(), predicted, classNames);
        if (grid is not null) SvgFile.Save(folder.PlotPath(PredictionsFile), grid);
    }
}
