namespace Dendrite.Data.Tabular;

/// <summary>
/// <see cref="Moments"/> computed over passes that each see the values once, in the same order: pass 1 sums, pass 2
/// the squared deviations from the mean, and, only when those sums overflow, pass 3 the scaled squares. Whether the
/// values come from an array or from a file read in chunks, the arithmetic is the same, so the results are the same
/// bits. NaN means missing and is skipped.
/// </summary>
internal sealed class MomentsAccumulator
{
    private double _sum, _scale, _mean, _squares, _scaledSum, _scaledMean, _scaledSquares;
    private long _count;
    private bool _scaled;

    /// <summary>1 while summing, 2 while summing squared deviations, 3 while summing scaled squares, 4 when done.</summary>
    public int Pass { get; private set; } = 1;

    /// <summary>Feeds one value to the current pass.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value)) return;
        switch (Pass)
        {
            case 1:
                _sum += value;
                _count++;
                _scale = Math.Max(_scale, Math.Abs(value));
                break;
            case 2:
                double d = value - _mean;
                _squares += d * d;
                _scaledSum += value / _scale;
                break;
            case 3:
                double s = value / _scale - _scaledMean;
                _scaledSquares += s * s;
                break;
            default:
                throw new InvalidOperationException("the moments are complete");
        }
    }

    /// <summary>Ends the current pass; returns true when another pass over the same values is needed.</summary>
    public bool EndPass()
    {
        switch (Pass)
        {
            case 1:
                if (_count == 0)
                {
                    Pass = 4;
                    return false;
                }
                _mean = _sum / _count;
                Pass = 2;
                return true;
            case 2:
                double std = Math.Sqrt(_squares / _count);
                if (double.IsFinite(_mean) && double.IsFinite(std))
                {
                    Pass = 4;
                    return false;
                }
                // The sums overflow once values pass about 1.3e154 (squares) or their total passes 1.8e308. Divided by
                // the largest magnitude s, every value lies in [-1, 1], so the scaled mean does too and the scaled std
                // is at most 1; scaled back by s, both are finite.
                _scaledMean = _scaledSum / _count;
                _scaled = true;
                Pass = 3;
                return true;
            case 3:
                Pass = 4;
                return false;
            default:
                throw new InvalidOperationException("the moments are complete");
        }
    }

    /// <summary>Mean and population std of the values, and how many there were (NaN, NaN, 0 when none).</summary>
    public (double Mean, double Std, int Count) Result()
    {
        if (Pass != 4) throw new InvalidOperationException("the moments need another pass");
        if (_count == 0) return (double.NaN, double.NaN, 0);
        int count = _count > int.MaxValue ? int.MaxValue : (int)_count;
        if (!_scaled) return (_mean, Math.Sqrt(_squares / _count), count);
        return (_scaledMean * _scale, Math.Sqrt(_scaledSquares / _count) * _scale, count);
    }
}
