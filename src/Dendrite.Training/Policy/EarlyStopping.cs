using Dendrite.Nn;

namespace Dendrite.Training.Policy;

/// <summary>
/// Tracks validation accuracy per epoch (see <see cref="EarlyStoppingSpec"/>): remembers the best epoch's weights and
/// says when to stop.
/// </summary>
public sealed class EarlyStopping
{
    private readonly EarlyStoppingSpec _spec;
    private WeightSnapshot? _best;
    private int _badEpochs;

    public EarlyStopping(EarlyStoppingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
    }

    /// <summary>1-based epoch with the best validation accuracy so far, or 0 before the first.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Best validation accuracy so far.</summary>
    public double BestAccuracy { get; private set; } = double.NegativeInfinity;

    /// <summary>Records epoch <paramref name="epoch"/>'s accuracy; returns true when training should stop.</summary>
    public bool Observe(int epoch, double accuracy, Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (accuracy > BestAccuracy + _spec.MinDelta || BestEpoch == 0)
        {
            BestAccuracy = accuracy;
            BestEpoch = epoch;
            _best = WeightSnapshot.Take(model);
            _badEpochs = 0;
            return false;
        }
        return ++_badEpochs >= _spec.Patience;
    }

    /// <summary>Puts the best epoch's weights back into <paramref name="model"/>.</summary>
    public void RestoreBest(Module model) => _best?.RestoreTo(model);
}
