using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>
/// Machine output: exactly one JSON object per line on stdout (see <see cref="JsonEvents"/>); notes go to stderr
/// so stdout stays parseable.
/// </summary>
internal sealed class JsonTrainReporter(TextWriter stdout, TextWriter notes) : ITrainReporter
{
    public void Note(string message) => notes.WriteLine(message);

    public void Start() { }

    public void Epoch(EpochResult result)
    {
        stdout.WriteLine(JsonEvents.Epoch(result));
        stdout.Flush(); // a consumer tailing the pipe sees each epoch as it ends
    }

    public void Done(TrainingOutcome outcome)
    {
        stdout.WriteLine(JsonEvents.Done(outcome));
        stdout.Flush();
    }
}
