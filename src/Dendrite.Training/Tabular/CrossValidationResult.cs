using Dendrite.Data.Tabular;

namespace Dendrite.Training.Tabular;

/// <summary>Per-fold held-out metrics of a K-fold run and their mean ± standard deviation.</summary>
public sealed record CrossValidationResult(TaskKind Task, IReadOnlyList<FoldResult> Folds)
{
    public MetricSummary Loss => Summary(m => m.Loss);

    public MetricSummary Rmse => Summary(m => m.Rmse);

    public MetricSummary Mae => Summary(m => m.Mae);

    public MetricSummary RSquared => Summary(m => m.RSquared);

    public MetricSummary LogRmse => Summary(m => m.LogRmse);

    public MetricSummary Accuracy => Summary(m => m.Accuracy);

    /// <summary>Mean ± std of any metric over the folds.</summary>
    public MetricSummary Summary(Func<TabularMetrics, double> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return MetricSummary.Of(Folds.Select(f => metric(f.Test)));
    }
}
