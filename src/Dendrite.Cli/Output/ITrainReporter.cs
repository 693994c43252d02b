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

    /// <summary>Progress inside an epoch; only live displays care.</summary>
    void Batch(Training.Runs.BatchProgress progress) { }

    /// <summary>Runs the training; a live display wraps it (Spectre's progress owns the screen meanwhile).</summary>
    TrainingOutcome Around(Func<TrainingOutcome> train) => train();
}
