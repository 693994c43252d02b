using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

public sealed class RegressionMetricsTests
{
    private static readonly float[] Predictions = [2.5f, 2f, 4f, 3f];
    private static readonly float[] Targets = [2f, 2f, 5f, 3f];

    [Fact]
    public void Rmse_MatchesHandComputedValue()
    {
        // Errors 0.5, 0, -1, 0 → squares sum 1.25 → sqrt(1.25 / 4).
        Assert.Equal(Math.Sqrt(0.3125), RegressionMetrics.Rmse(Predictions, Targets), 12);
    }

    [Fact]
    public void Mae_MatchesHandComputedValue()
    {
        Assert.Equal(0.375, RegressionMetrics.Mae(Predictions, Targets), 12);
    }

    [Fact]
    public void RSquared_MatchesHandComputedValue()
    {
        // Target mean 3, total sum of squares 1 + 1 + 4 + 0 = 6, residual 1.25.
        Assert.Equal(1 - 1.25 / 6, RegressionMetrics.RSquared(Predictions, Targets), 12);
        Assert.Equal(1.0, RegressionMetrics.RSquared(Targets, Targets));
        Assert.Equal(0.0, RegressionMetrics.RSquared([3f, 3f, 3f, 3f], Targets), 12);
    }

    [Fact]
    public void RSquared_ConstantTargets_FollowsScikitLearn()
    {
        Assert.Equal(1.0, RegressionMetrics.RSquared([4f, 4f], [4f, 4f]));
        Assert.Equal(0.0, RegressionMetrics.RSquared([4f, 5f], [4f, 4f]));
    }

    [Fact]
    public void LogRmse_ClampsPredictionsToOne_AndMatchesHandComputedValue()
    {
        // log max(0.5, 1) − log 1 = 0;  log 100 − log 10 = log 10;  log 20 − log 20 = 0.
        double expected = Math.Sqrt(Math.Log(10) * Math.Log(10) / 3);

        Assert.Equal(expected, RegressionMetrics.LogRmse([0.5f, 100f, 20f], [1f, 10f, 20f]), 6);
        Assert.Equal(RegressionMetrics.LogRmse([1f], [10f]), RegressionMetrics.LogRmse([-5000f], [10f]));
    }

    [Fact]
    public void LogRmse_RejectsNonPositiveTargets()
    {
        Assert.Throws<DendriteException>(() => RegressionMetrics.LogRmse([1f, 2f], [1f, 0f]));
    }

    [Fact]
    public void Metrics_RejectMismatchedOrEmptyInputs()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Rmse([1f], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Mae([], []));
    }
}
