using System.Buffers;
using System.Text;
using System.Text.Json;
using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>
/// The JSON line format of <c>--log-format json</c>, keys in a fixed order:
/// <c>{"event":"epoch","epoch":1,"train_loss":0.81234,"train_acc":0.7012,"test_acc":0.7654,"seconds":1.234}</c> and
/// <c>{"event":"done","test_acc":0.8421,"epochs":10,"seconds":12.345}</c>.
/// Losses keep 5 decimals, accuracies 4, seconds 3. A non-finite value (a diverged loss) is written as null,
/// since JSON has no NaN.
/// </summary>
internal static class JsonEvents
{
    public static string Epoch(EpochResult r) => Write(w =>
    {
        w.WriteString("event", "epoch");
        w.WriteNumber("epoch", r.Epoch);
        Number(w, "train_loss", r.TrainLoss, 5);
        Number(w, "train_acc", r.TrainAccuracy, 4);
        Number(w, "test_acc", r.TestAccuracy, 4);
        Number(w, "seconds", r.Seconds, 3);
        if (r.ValidationAccuracy is { } val) Number(w, "val_acc", val, 4); // only with --val-split, last so the schema only grows
    });

    public static string Done(TrainingOutcome outcome) => Write(w =>
    {
        w.WriteString("event", "done");
        Number(w, "test_acc", outcome.TestAccuracy, 4);
        w.WriteNumber("epochs", outcome.Epochs.Count);
        Number(w, "seconds", outcome.Seconds, 3);
        if (outcome.RestoredEpoch is { } best) w.WriteNumber("restored_epoch", best); // early stopping restored this epoch
    });

    private static void Number(Utf8JsonWriter w, string name, double value, int decimals)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, decimals, MidpointRounding.AwayFromZero));
        else w.WriteNull(name);
    }

    /// <summary>One JSON object on one line; shared by every command's JSON events.</summary>
    internal static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
