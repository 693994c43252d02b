using Dendrite.Data.Tabular;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Output;

/// <summary>The test metrics a task reports, with their JSON names, in output order.</summary>
internal static class TabularMetricNames
{
    public static IEnumerable<(string Name, MetricSummary Summary)> For(CrossValidationResult r) => r.Task == TaskKind.Classification
        ? [("test_acc", r.Accuracy)]
        : [("test_rmse", r.Rmse), ("test_mae", r.Mae), ("test_r2", r.RSquared), ("test_log_rmse", r.LogRmse)];
}
