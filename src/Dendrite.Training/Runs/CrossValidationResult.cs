using Dendrite.Data;

namespace Dendrite.Training.Runs;

/// <summary>Per-fold held-out evaluations of a K-fold run and their mean ± standard deviation.</summary>
/// <param name="Task">Classification or regression.</param>
/// <param name="Folds">One result per fold, in order.</param>
public sealed record CrossValidationResult(TaskKind Task, IReadOnlyList<FoldResult> Folds)
{
    /// <summary>The task's metrics ("loss", "acc" or "rmse", …) with their mean ± std over the folds, in output order.</summary>
    public IEnumerable<(string Name, MetricSummary Summary)> Summaries =>
        Evaluation.MetricNames(Task).Select(name => (name, Summary(name)));

    /// <summary>Mean ± std of metric <paramref name="name"/> over the folds.</summary>
    public MetricSummary Summary(string name) => MetricSummary.Of(Folds.Select(f => f.Test.Get(name)));
}
