using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>
/// How a run's epochs look, in text and JSON, for its task. The formats are stable (scripts read them):
/// <list type="bullet">
/// <item>Images: <c>epoch  train_loss  train_acc  test_acc  seconds</c>; JSON
/// <c>{"event":"epoch","epoch":1,"train_loss":0.81234,"train_acc":0.7012,"test_acc":0.7654,"seconds":1.234}</c> (losses
/// 5 decimals, accuracies 4, seconds 3), then <c>val_acc</c> with a validation split.</item>
/// <item>Tables keep 6 significant digits. Classification has the image keys; regression
/// <c>train_loss, test_rmse, test_mae, test_r2, test_log_rmse, seconds</c> (train_loss in model space), then the
/// <c>val_…</c> metrics with a validation split.</item>
/// </list>
/// <c>done</c> repeats the test metrics of the weights the model ends with, then <c>epochs</c>, <c>seconds</c>
/// (tables add <c>skipped_rows</c>) and <c>restored_epoch</c> when early stopping restored one. Non-finite values are null.
/// </summary>
/// <param name="Task">Classification or regression.</param>
/// <param name="Table">True for a CSV run (6 significant digits, skipped_rows).</param>
/// <param name="SkippedRows">Rows skipped for a missing target (tables).</param>
internal sealed record RunView(TaskKind Task, bool Table, int SkippedRows = 0)
{
    private bool Regression => Task == TaskKind.Regression;

    private string[] Scores => Regression ? ["rmse", "mae", "r2", "log_rmse"] : ["acc"];

    public string TextHeader => Regression
        ? "epoch  train_loss     test_rmse      test_mae  test_r2  test_log_rmse  seconds"
        : "epoch  train_loss  train_acc  test_acc  seconds";

    public string TextRow(EpochResult r)
    {
        string row = Regression
            ? Inv($"{r.Epoch,5}  {r.TrainLoss,10:F4}  {G(r.Test?.Rmse),12}  {G(r.Test?.Mae),12}  {F4(r.Test?.RSquared),7}  {F4(r.Test?.LogRmse),13}  {r.Seconds,7:F2}")
            : Inv($"{r.Epoch,5}  {r.TrainLoss,10:F4}  {r.TrainAccuracy,9:F4}  {r.TestAccuracy,8:F4}  {r.Seconds,7:F2}");
        if (r.Validation is { } v)
            row += Regression ? Inv($"  val_rmse {G(v.Rmse)}") : Inv($"  val_acc {v.Accuracy:F4}");
        return row;
    }

    public string TextDone(TrainingOutcome outcome)
    {
        Evaluation? t = outcome.Test;
        string what = t is null ? "trained" : Regression
            ? Inv($"test rmse: {G(t.Rmse)}, mae: {G(t.Mae)}, r2: {F4(t.RSquared)}, log-rmse: {F4(t.LogRmse)}")
            : Inv($"test accuracy: {t.Accuracy:F4}");
        string restored = outcome.RestoredEpoch is { } e ? Inv($"; weights of epoch {e} restored (best validation {(Regression ? "rmse" : "accuracy")})") : "";
        return Inv($"{what} after {outcome.Epochs.Count} epochs ({outcome.Seconds:F1} s){restored}");
    }

    public string JsonEpoch(EpochResult r) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "epoch");
        w.WriteNumber("epoch", r.Epoch);
        Loss(w, "train_loss", r.TrainLoss);
        if (!Regression) Score(w, "train_acc", r.TrainAccuracy);
        Metrics(w, "test_", r.Test);
        Seconds(w, r.Seconds);
        // Only with a validation split, last, so the schema only grows.
        if (r.Validation is not null) Metrics(w, "val_", r.Validation);
    });

    public string JsonDone(TrainingOutcome outcome) => JsonEvents.Write(w =>
    {
        w.WriteString("event", "done");
        if (outcome.Test is { } test || !Table) Metrics(w, "test_", outcome.Test);
        w.WriteNumber("epochs", outcome.Epochs.Count);
        Seconds(w, outcome.Seconds);
        if (Table) w.WriteNumber("skipped_rows", SkippedRows);
        if (outcome.RestoredEpoch is { } best) w.WriteNumber("restored_epoch", best); // early stopping restored this epoch
    });

    /// <summary>The task's scores (not the loss) with <paramref name="prefix"/>; all null when there is no evaluation.</summary>
    public void Metrics(Utf8JsonWriter w, string prefix, Evaluation? e)
    {
        foreach (string name in Scores) Score(w, prefix + name, e?.Get(name) ?? double.NaN);
    }

    private void Loss(Utf8JsonWriter w, string name, double value)
    {
        if (Table) Significant(w, name, value, 6);
        else Number(w, name, value, 5);
    }

    private void Score(Utf8JsonWriter w, string name, double value)
    {
        if (!Table) Number(w, name, value, 4);
        else Significant(w, name, value, Regression ? 6 : 4);
    }

    private void Seconds(Utf8JsonWriter w, double value)
    {
        if (Table) Significant(w, "seconds", value, 3);
        else Number(w, "seconds", value, 3);
    }

    private static void Number(Utf8JsonWriter w, string name, double value, int decimals)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, decimals, MidpointRounding.AwayFromZero));
        else w.WriteNull(name);
    }

    // Significant digits rather than fixed decimals: an RMSE of house prices (~10^4) and of a unit target (~10^-2)
    // both keep their precision.
    private static void Significant(Utf8JsonWriter w, string name, double value, int digits)
    {
        if (!double.IsFinite(value)) w.WriteNull(name);
        else w.WriteNumber(name, double.Parse(value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    public static string G(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G6", CultureInfo.InvariantCulture) : "-";

    public static string F4(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A short summary of an evaluation for the live display.</summary>
    public string Brief(EpochResult r) => Regression
        ? Inv($"  loss {r.TrainLoss:F4}  test rmse {G(r.Test?.Rmse)}")
        : Inv($"  loss {r.TrainLoss:F4}  train {r.TrainAccuracy:F4}  test {r.TestAccuracy:F4}");

    /// <summary>Header and row cells for a summary table of the epochs.</summary>
    public (string[] Header, string[] Row) Cells(EpochResult r)
    {
        var header = new List<string> { "epoch", "train_loss" };
        var row = new List<string> { r.Epoch.ToString(CultureInfo.InvariantCulture), F4(r.TrainLoss) };
        if (!Regression)
        {
            header.Add("train_acc");
            row.Add(F4(r.TrainAccuracy));
        }
        foreach (string name in Scores)
        {
            header.Add("test_" + name);
            row.Add(Regression && name is "rmse" or "mae" ? G(r.Test?.Get(name)) : F4(r.Test?.Get(name)));
        }
        header.Add("seconds");
        row.Add(r.Seconds.ToString("F2", CultureInfo.InvariantCulture));
        return ([.. header], [.. row]);
    }

    /// <summary>One line for a note that lists the run's test scores, for cv and eval.</summary>
    public static string Describe(Evaluation e)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in e.Metrics) sb.Append(sb.Length == 0 ? "" : ", ").Append(name).Append(' ').Append(G(value));
        return sb.ToString();
    }
}
