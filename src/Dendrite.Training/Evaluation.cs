using System.Globalization;
using Dendrite.Data;

namespace Dendrite.Training;

/// <summary>
/// How well a model does on <paramref name="Count"/> samples. Classification fills <paramref name="Accuracy"/>;
/// regression fills <paramref name="Rmse"/>, <paramref name="Mae"/>, <paramref name="RSquared"/> and
/// <paramref name="LogRmse"/>, in target units when the objective knows how the targets were scaled. Metrics that do
/// not apply are NaN, as is log-RMSE when a target is not positive.
/// </summary>
/// <param name="Task">Classification or regression.</param>
/// <param name="Count">Samples scored.</param>
/// <param name="Loss">Mean loss (the objective's, in model space; plain cross-entropy for classification).</param>
/// <param name="Accuracy">Fraction classified correctly.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="RSquared">Coefficient of determination.</param>
/// <param name="LogRmse">RMSE of log predictions (clamped to ≥ 1) against log targets.</param>
public sealed record Evaluation(TaskKind Task, int Count, double Loss, double Accuracy = double.NaN, double Rmse = double.NaN,
    double Mae = double.NaN, double RSquared = double.NaN, double LogRmse = double.NaN)
{
    /// <summary>The metric names a task reports, in output order: "loss" and "acc", or "loss", "rmse", "mae", "r2", "log_rmse".</summary>
    public static IReadOnlyList<string> MetricNames(TaskKind task) =>
        task == TaskKind.Classification ? ["loss", "acc"] : ["loss", "rmse", "mae", "r2", "log_rmse"];

    /// <summary>This task's metrics by name, in <see cref="MetricNames"/> order.</summary>
    public IEnumerable<(string Name, double Value)> Metrics => MetricNames(Task).Select(n => (n, Get(n)));

    /// <summary>A metric by its name (see <see cref="MetricNames"/>).</summary>
    public double Get(string name) => name switch
    {
        "loss" => Loss,
        "acc" => Accuracy,
        "rmse" => Rmse,
        "mae" => Mae,
        "r2" => RSquared,
        "log_rmse" => LogRmse,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown metric"),
    };

    /// <summary>An evaluation of <paramref name="task"/> from metric values by name (absent ones are NaN); for stored histories.</summary>
    public static Evaluation FromMetrics(TaskKind task, int count, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double V(string n) => values.TryGetValue(n, out double v) ? v : double.NaN;
        return new Evaluation(task, count, V("loss"), V("acc"), V("rmse"), V("mae"), V("r2"), V("log_rmse"));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(", ", Metrics.Select(m => $"{m.Name} {m.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
}
