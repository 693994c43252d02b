using System.Globalization;
using Dendrite.Data.Tabular;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Output;

/// <summary>Human rows of the tabular commands: an aligned table per epoch or per fold, and a mean ± std table.</summary>
internal static class TabularText
{
    public static string EpochHeader(TaskKind task) => task == TaskKind.Classification
        ? "epoch  train_loss  train_acc  test_acc  seconds"
        : "epoch  train_loss     test_rmse      test_mae  test_r2  test_log_rmse  seconds";

    public static string Epoch(TabularEpochResult r, TaskKind task) => task == TaskKind.Classification
        ? Inv($"{r.Epoch,5}  {r.TrainLoss,10:F4}  {r.TrainAccuracy,9:F4}  {Acc(r.Test),8:F4}  {r.Seconds,7:F2}")
        : Inv($"{r.Epoch,5}  {r.TrainLoss,10:F4}  {G(r.Test?.Rmse),12}  {G(r.Test?.Mae),12}  {F4(r.Test?.RSquared),7}  {F4(r.Test?.LogRmse),13}  {r.Seconds,7:F2}");

    public static string Done(TabularTrainingOutcome outcome)
    {
        TabularMetrics? t = outcome.Test;
        string what = t is null ? "trained" : t.Task == TaskKind.Classification
            ? Inv($"test accuracy: {t.Accuracy:F4}")
            : Inv($"test rmse: {G(t.Rmse)}, mae: {G(t.Mae)}, r2: {F4(t.RSquared)}, log-rmse: {F4(t.LogRmse)}");
        return Inv($"{what} after {outcome.Epochs.Count} epochs ({outcome.Seconds:F1} s)");
    }

    public static string FoldHeader(TaskKind task) => task == TaskKind.Classification
        ? "fold  train  test  test_acc  seconds"
        : "fold  train  test     test_rmse      test_mae  test_r2  test_log_rmse  seconds";

    public static string Fold(FoldResult f) => f.Test.Task == TaskKind.Classification
        ? Inv($"{f.Fold,4}  {f.TrainCount,5}  {f.TestCount,4}  {f.Test.Accuracy,8:F4}  {f.Seconds,7:F2}")
        : Inv($"{f.Fold,4}  {f.TrainCount,5}  {f.TestCount,4}  {G(f.Test.Rmse),12}  {G(f.Test.Mae),12}  {F4(f.Test.RSquared),7}  {F4(f.Test.LogRmse),13}  {f.Seconds,7:F2}");

    public static IEnumerable<string> Summary(CrossValidationResult r)
    {
        yield return Inv($"{"metric",-14}  {"mean",12}  {"std",12}   ({r.Folds.Count} folds)");
        foreach (var (name, s) in TabularMetricNames.For(r))
            yield return Inv($"{name,-14}  {G(s.Mean),12}  {G(s.Std),12}");
    }

    private static double Acc(TabularMetrics? m) => m?.Accuracy ?? double.NaN;

    private static string G(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string F4(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
