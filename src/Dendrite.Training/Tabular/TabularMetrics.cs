using Dendrite.Data.Tabular;

namespace Dendrite.Training.Tabular;

/// <summary>
/// Quality of a model on <paramref name="Count"/> rows. Regression metrics are on the original target scale (model
/// outputs mapped back through the preprocessor); metrics that do not apply to the task are NaN, as is
/// <paramref name="LogRmse"/> when some target is not positive.
/// </summary>
/// <param name="Task">Regression or classification.</param>
/// <param name="Count">Rows scored.</param>
/// <param name="Loss">Mean training loss on these rows in model space (MSE of the standardized target, or cross-entropy).</param>
/// <param name="Rmse">Root mean squared error, target units.</param>
/// <param name="Mae">Mean absolute error, target units.</param>
/// <param name="RSquared">Coefficient of determination.</param>
/// <param name="LogRmse">RMSE of log predictions (clamped to ≥ 1) against log targets.</param>
/// <param name="Accuracy">Fraction classified correctly.</param>
public sealed record TabularMetrics(TaskKind Task, int Count, double Loss, double Rmse, double Mae, double RSquared, double LogRmse, double Accuracy)
{
    /// <summary>The headline number: RMSE for regression, accuracy for classification.</summary>
    public double Primary => Task == TaskKind.Regression ? Rmse : Accuracy;
}
