namespace Dendrite.Data.Tabular;

/// <summary>
/// Regression quality of predictions ŷ against targets y, accumulated pair by pair in double precision so a data set
/// can be scored batch by batch: RMSE, MAE, R² (target mean and spread by Welford's update, which stays exact for
/// large offsets) and log-RMSE. <see cref="RegressionMetrics"/> is the one-call form.
/// </summary>
public sealed class RegressionScores
{
    private double _squares, _absolute, _logSquares, _mean, _spread;
    private bool _allPositive = true;

    /// <summary>Pairs added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one prediction and its target.</summary>
    public void Add(double prediction, double target)
    {
        double d = prediction - target;
        _squares += d * d;
        _absolute += Math.Abs(d);
        Count++;
        double delta = target - _mean;
        _mean += delta / Count;
        _spread += delta * (target - _mean);
        if (target > 0)
        {
            double l = Math.Log(Math.Max(prediction, 1.0)) - Math.Log(target);
            _logSquares += l * l;
        }
        else _allPositive = false;
    }

    /// <summary>Root mean squared error: sqrt(Σ (ŷᵢ − yᵢ)² / n); NaN before any pair.</summary>
    public double Rmse => Count == 0 ? double.NaN : Math.Sqrt(_squares / Count);

    /// <summary>Mean absolute error: Σ |ŷᵢ − yᵢ| / n.</summary>
    public double Mae => Count == 0 ? double.NaN : _absolute / Count;

    /// <summary>
    /// Coefficient of determination R² = 1 − Σ (yᵢ − ŷᵢ)² / Σ (yᵢ − ȳ)². 1 is perfect, 0 is no better than predicting
    /// the mean, negative is worse. For constant targets (denominator 0) it is 1 when the predictions are exact and 0
    /// otherwise (scikit-learn's convention), rather than a division by zero.
    /// </summary>
    public double RSquared => Count == 0 ? double.NaN : _spread == 0 ? (_squares == 0 ? 1 : 0) : 1 - (_squares / _spread);

    /// <summary>
    /// Log-RMSE, the Kaggle house-price score: sqrt(Σ (log max(ŷᵢ, 1) − log yᵢ)² / n). Predictions are clamped to 1
    /// so a wild negative prediction cannot make the logarithm undefined; it judges relative errors. NaN when a target
    /// is not positive (<see cref="AllTargetsPositive"/>).
    /// </summary>
    public double LogRmse => Count == 0 || !_allPositive ? double.NaN : Math.Sqrt(_logSquares / Count);

    /// <summary>True when every target so far was &gt; 0, so <see cref="LogRmse"/> is defined.</summary>
    public bool AllTargetsPositive => _allPositive;
}
