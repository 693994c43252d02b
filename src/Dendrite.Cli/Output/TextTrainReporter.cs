using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>Human output: notes, a header, one aligned row per epoch, and the final test metrics.</summary>
internal sealed class TextTrainReporter(TextWriter stdout) : ITrainReporter
{
    private RunView _view = new(Data.TaskKind.Classification, false);

    public void Note(string message) => stdout.WriteLine(message);

    public void Start(RunView view)
    {
        _view = view;
        stdout.WriteLine(view.TextHeader);
    }

    public void Epoch(EpochResult r)
    {
        stdout.WriteLine(_view.TextRow(r));
        stdout.Flush();
    }

    public void Done(TrainingOutcome outcome) => stdout.WriteLine(_view.TextDone(outcome));
}
