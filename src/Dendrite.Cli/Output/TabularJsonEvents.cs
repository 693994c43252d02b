using System.Text.Json;
using Dendrite.Data.Tabular;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Output;

/// <summary>
/// JSON lines of the tabular commands, keys in a fixed order. Regression epochs:
/// <c>{"event":"epoch","epoch":1,"train_loss":…,"test_rmse":…,"test_mae":…,"test_r2":…,"test_log_rmse":…,"seconds":…}</c>;
/// classification epochs use the image command's keys (<c>train_loss, train_acc, test_acc</c>). <c>done</c> repeats the
/// last test metrics with <c>epochs</c>, <c>seconds</c> and <c>skipped_rows</c>; <c>cv</c> writes one <c>fold</c> line
/// per fold and a <c>summary</c> with <c>*_mean</c>/<c>*_std</c>. Non-finite values (log-RMSE of non-positive
/// targets, a diverged loss) are null. train_loss is in model space (MSE of the standardized target).
/// </summary>
internal static class TabularJsonEvents
{
    public static string Epoch(TabularEpochResult r) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "epoch");
        w.WriteNumber("epoch", r.Epoch);
        Number(w, "train_loss", r.TrainLoss, 6);
        if (r.Test is { Task: TaskKind.Classification }) Number(w, "train_acc", r.TrainAccuracy, 4);
        if (r.Test is not null) TestMetrics(w, r.Test, "");
        Number(w, "seconds", r.Seconds, 3);
    });

    public static string Done(TabularTrainingOutcome outcome, int skippedRows) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "done");
        if (outcome.Test is not null) TestMetrics(w, outcome.Test, "");
        w.WriteNumber("epochs", outcome.Epochs.Count);
        Number(w, "seconds", outcome.Seconds, 3);
        w.WriteNumber("skipped_rows", skippedRows);
    });

    public static string Fold(FoldResult f) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "fold");
        w.WriteNumber("fold", f.Fold);
        w.WriteNumber("train_rows", f.TrainCount);
        w.WriteNumber("test_rows", f.TestCount);
        TestMetrics(w, f.Test, "");
        Number(w, "seconds", f.Seconds, 3);
    });

    public static string Summary(CrossValidationResult result, int skippedRows) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "summary");
        w.WriteNumber("folds", result.Folds.Count);
        foreach (var (name, summary) in TabularMetricNames.For(result))
        {
            Number(w, name + "_mean", summary.Mean, 6);
            Number(w, name + "_std", summary.Std, 6);
        }
        w.WriteNumber("skipped_rows", skippedRows);
    });

    private static void TestMetrics(Utf8JsonWriter w, TabularMetrics m, string suffix)
    {
        if (m.Task == TaskKind.Classification)
        {
            Number(w, "test_acc" + suffix, m.Accuracy, 4);
            return;
        }
        Number(w, "test_rmse" + suffix, m.Rmse, 6);
        Number(w, "test_mae" + suffix, m.Mae, 6);
        Number(w, "test_r2" + suffix, m.RSquared, 6);
        Number(w, "test_log_rmse" + suffix, m.LogRmse, 6);
    }

    // Significant digits rather than fixed decimals: an RMSE of house prices (~10^4) and of a unit target (~10^-2)
    // both keep their precision.
    private static void Number(Utf8JsonWriter w, string name, double value, int digits)
    {
        if (!double.IsFinite(value)) w.WriteNull(name);
        else w.WriteNumber(name, double.Parse(value.ToString("G" + digits, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
    }
}
