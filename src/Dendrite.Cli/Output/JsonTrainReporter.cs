using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>
/// Machine output: exactly one JSON object per line on stdout (see <see cref="RunView"/>); notes go to stderr
/// so stdout stays parseable.
/// </summary>
internal sealed class JsonTrainReporter(TextWriter stdout, TextWriter notes) : ITrainReporter
{
    private RunView _view = new(Data.TaskKind.Classification, false);

    public void Note(string message) => notes.WriteLine(message);

    public void Start(RunView view) => _view = view;

    public void Epoch(EpochResult result)
    {
        stdout.WriteLine(_view.JsonEpoch(result));
        stdout.Flush(); // a consumer tailing the pipe sees each epoch as it ends
    }

    public void Done(TrainingOutcome outcome)
    {
        stdout.WriteLine(_view.JsonDone(outcome));
        stdout.Flush();
    }
}
