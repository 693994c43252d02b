using System.Globalization;
using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>Human output: notes, a header, one aligned row per epoch, and the final test accuracy.</summary>
internal sealed class TextTrainReporter(TextWriter stdout) : ITrainReporter
{
    public void Note(string message) => stdout.WriteLine(message);

    public void Start() => stdout.WriteLine("epoch  train_loss  train_acc  test_acc  seconds");

    public void Epoch(EpochResult r) => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Epoch,5}  {r.TrainLoss,10:F4}  {r.TrainAccuracy,9:F4}  {r.TestAccuracy,8:F4}  {r.Seconds,7:F2}{(r.ValidationAccuracy is { } v ? $"  val_acc {v:F4}" : "")}"));

    public void Done(TrainingOutcome outcome) => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"test accuracy: {outcome.TestAccuracy:F4} after {outcome.Epochs.Count} epochs ({outcome.Seconds:F1} s){Restored(outcome)}"));

    private static string Restored(TrainingOutcome outcome) =>
        outcome.RestoredEpoch is { } e ? $"; weights of epoch {e} restored (best validation accuracy)" : "";
}
