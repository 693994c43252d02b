using Dendrite.Training;

namespace Dendrite.Cli.Output;

/// <summary>Renders the progress of a training run.</summary>
internal interface ITrainReporter
{
    /// <summary>A one-line progress note (where the data came from, the model, …).</summary>
    void Note(string message);

    /// <summary>Called once before the first epoch, when the task (and so the table's columns) is known.</summary>
    void Start(RunView view);

    /// <summary>One finished epoch.</summary>
    void Epoch(EpochResult result);

    /// <summary>The end of the run.</summary>
    void Done(TrainingOutcome outcome);

    /// <summary>Progress inside an epoch; only live displays care.</summary>
    void Batch(Training.Runs.BatchProgress progress) { }

    /// <summary>Runs the training; a live display wraps it (Spectre's progress owns the screen meanwhile).</summary>
    TrainingOutcome Around(Func<TrainingOutcome> train) => train();
}
