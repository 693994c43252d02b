using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>
/// Reports nothing: the non-zero ranks of a data-parallel run, where rank 0 reports for the whole job (the metrics
/// are already reduced over the ranks).
/// </summary>
internal sealed class SilentTrainReporter : ITrainReporter
{
    public void Note(string message) { }

    public void Start(RunView view) { }

    public void Epoch(EpochResult result) { }

    public void Done(TrainingOutcome outcome) { }
}
