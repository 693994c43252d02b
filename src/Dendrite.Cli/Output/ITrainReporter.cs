using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>Renders the progress of a training run.</summary>
internal interface ITrainReporter
{
    /// <summary>A one-line progress note (where the data came from, the model, …).</summary>
    void Note(string message);

    /// <summary>Called once before the first epoch.</summary>
    void Start();

    void Epoch(EpochResult result);

    void Done(TrainingOutcome outcome);
}
